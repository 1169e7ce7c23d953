using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansPricing.FunctionalTests;

/// <summary>Small helpers to speak the v1 HTTP API as a shop would: plain JSON, no shared types.</summary>
public static class Api
{
    public static object Product(string sku, decimal listPrice = 12.50m, decimal unitCost = 2.80m, decimal floorPrice = 8m,
        double maxDiscount = 0.3, int inventory = 100, string category = "home") =>
        new { sku, category, listPrice, unitCost, floorPrice, maxDiscount, inventory };

    public static async Task PutProductsAsync(this HttpClient http, params object[] products)
    {
        var response = await http.PutAsJsonAsync("/api/v1/products", products);
        await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient http, HttpMethod method, string path, string json) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path) =>
        await (await http.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

    public static string[] ErrorFields(JsonNode problem) =>
        problem["errors"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray();

    public static decimal AsMoney(this JsonNode? node) => node!.GetValue<decimal>();

}
