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

    /// <summary>The learning run's record once <paramref name="until"/> holds of it — by default, once it is no longer running (bounded: 120 s).</summary>
    public static async Task<JsonNode> WaitForLearningRunAsync(this HttpClient http, string runId, Func<JsonNode, bool>? until = null)
    {
        until ??= run => (string)run["status"]! != "running";
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            // While a run trains on the same 2 cores, a read can outlast the gateway's call timeout: 503, retried as its
            // Retry-After says.
            var response = await http.GetAsync($"/api/v1/admin/learning/runs/{runId}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(1000);
                continue;
            }

            var run = await response.ExpectAsync(HttpStatusCode.OK);
            if (until(run))
            {
                return run;
            }

            // The run trains in real time on the thread pool.
            await Task.Delay(100);
        }

        throw new TimeoutException($"Learning run {runId} did not get there within 120 s.");
    }
}
