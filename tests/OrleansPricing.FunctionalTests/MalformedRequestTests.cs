using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// Bad input a client may send — any field of a valid body replaced by a value of another type, out of range, huge,
/// or removed, and bodies that are not the JSON asked for — answered with a 4xx problem detail, never a 5xx, and the
/// service answering valid requests as before. The mutations are seeded, so a failure names a request that can be replayed.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class MalformedRequestTests(GatewayFixture fixture)
{
    private const int MutationsPerBody = 60;

    private static readonly JsonNode?[] OddValues =
    [
        null, "", " ", new string('x', 100_000), 1e308, -1e308, -1, 0, long.MaxValue, long.MinValue, 1.5, true, new JsonArray(),
        new JsonObject(), new JsonArray(1, 2), new JsonObject { ["a"] = 1 }, "NaN", "Infinity", "\u0000", "../../etc", "a/b",
        new string('é', 300), "2026-13-45T99:99:99Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", 1e-320,
    ];

    private static readonly string[] OddBodies =
    [
        "", "{", "[", "null", "\"x\"", "{\"a\":1}{", "1e999999", new string('[', 5_000) + new string(']', 5_000),
        "{\"customerId\": \"a\", \"customerId\": \"b\"}",
    ];

    [Fact]
    public async Task Mutated_bodies_of_every_write_endpoint_get_4xx_problem_details_never_a_5xx()
    {
        var http = fixture.Http;
        // Products and a campaign of categories no other test uses: the tests of this fixture share its cluster, and a
        // campaign saved here would price their quotes.
        await http.PutProductsAsync(Api.Product("odd-sku-1", category: "odd-home"), Api.Product("odd-sku-2", category: "odd-garden"));
        var now = DateTimeOffset.UtcNow;
        var quote = await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "odd-customer", skus = new[] { "odd-sku-1", "odd-sku-2" }, channel = "web" }))
            .ExpectAsync(HttpStatusCode.OK);
        var token = (string)quote["quotes"]![0]!["token"]!;
        (HttpMethod Method, string Path, JsonNode Body)[] endpoints =
        [
            (HttpMethod.Post, "/api/v1/quotes", new JsonObject { ["customerId"] = "odd-customer", ["skus"] = new JsonArray("odd-sku-1", "odd-sku-2"), ["channel"] = "web" }),
            (HttpMethod.Post, "/api/v1/events", new JsonArray(new JsonObject
            {
                ["eventId"] = "odd-e1", ["customerId"] = "odd-customer", ["type"] = "purchase", ["sku"] = "odd-sku-1", ["quantity"] = 1,
                ["amount"] = 10.0, ["timestamp"] = now.ToString("O"),
            })),
            (HttpMethod.Post, "/api/v1/orders", new JsonObject
            {
                ["orderId"] = "odd-order", ["customerId"] = "odd-customer",
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = "odd-sku-1", ["quantity"] = 1, ["quoteToken"] = token }),
            }),
            (HttpMethod.Put, "/api/v1/products", new JsonArray(new JsonObject
            {
                ["sku"] = "odd-sku-3", ["category"] = "odd-home", ["listPrice"] = 10.0, ["unitCost"] = 5.0, ["floorPrice"] = 6.0, ["maxDiscount"] = 0.3, ["inventory"] = 10,
            })),
            (HttpMethod.Put, "/api/v1/admin/campaigns/odd-campaign", new JsonObject
            {
                ["start"] = now.ToString("O"), ["end"] = now.AddDays(7).ToString("O"), ["budget"] = 100.0, ["revenueTarget"] = 50.0,
                ["discountGrid"] = new JsonArray(0, 0.1), ["maxDiscountedOffersPerDay"] = 3, ["maxDiscount"] = 0.2, ["skus"] = new JsonArray("odd-sku-1"),
                ["categories"] = new JsonArray("odd-home"), ["holdoutFraction"] = 0.1, ["explorationRate"] = 0.05, ["unitLimits"] = new JsonObject { ["odd-sku-1"] = 5 },
            }),
        ];

        var random = new Random(7);
        var refused = new List<string>();
        try
        {
            await SendMutatedAsync();
        }
        finally
        {
            // Whatever the mutations made of it, the campaign takes no more quotes.
            (await http.PostAsync("/api/v1/admin/campaigns/odd-campaign/pause", null)).EnsureSuccessStatusCode();
        }

        Assert.True(refused.Count == 0, string.Join('\n', refused.Take(10)));
        // Still serving: the same customer is quoted, the product read.
        await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "odd-customer", skus = new[] { "odd-sku-1" }, channel = "web" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("odd-sku-1", (string)(await http.GetJsonAsync("/api/v1/products/odd-sku-1"))["sku"]!);

        async Task SendMutatedAsync()
        {
            foreach (var (method, path, body) in endpoints)
            {
                var bodies = Enumerable.Range(0, MutationsPerBody).Select(_ => Mutated(body, random).ToJsonString()).Concat(OddBodies);
                foreach (var json in bodies)
                {
                    using var response = await http.SendRawAsync(method, path, json);
                    var answer = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                    {
                        refused.Add($"{method} {path} {Shorten(json)} → {status} {Shorten(answer)}");
                    }
                }

                // Plain text where JSON is asked for: refused as such.
                using var text = await http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "text/plain") });
                Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/products/%C3%28")]
    [InlineData("/api/v1/customers/%2e%2e")]
    [InlineData("/api/v1/orders/%C3%A9%C3%A9%C3%A9")]
    [InlineData("/api/v1/admin/learning/runs/%ZZ")]
    [InlineData("/api/v1/admin/learning/runs/run-99999999999999999999")]
    [InlineData("/api/v1/admin/campaigns?live=maybe")]
    [InlineData("/api/v1/products?limit=-1")]
    [InlineData("/api/v1/products?limit=99999999999")]
    [InlineData("/api/v1/admin/quotes/recent?limit=abc")]
    [InlineData("/api/v1/admin/audit?limit=-5")]
    public async Task Odd_paths_and_queries_get_a_4xx_problem_detail_or_an_answer_never_a_5xx(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        var status = (int)response.StatusCode;

        Assert.True(status < 500, $"{path} → {status} {await response.Content.ReadAsStringAsync()}");
        Assert.True(status < 400 || response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{path} → {status} as {response.Content.Headers.ContentType}");
    }

    [Fact]
    public async Task Ids_longer_than_any_the_service_keeps_are_refused_or_not_found_never_a_5xx()
    {
        foreach (var path in new[] { "/api/v1/products/", "/api/v1/customers/", "/api/v1/orders/", "/api/v1/admin/campaigns/" })
        {
            using var response = await fixture.Http.GetAsync(path + new string('x', 3_000));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}… → {(int)response.StatusCode}");
        }
    }

    /// <summary>A copy of <paramref name="body"/> with one node — the whole body, a field or an element — replaced by an odd value, or a field removed.</summary>
    private static JsonNode Mutated(JsonNode body, Random random)
    {
        var copy = body.DeepClone();
        var nodes = new List<JsonNode>();
        void Walk(JsonNode node)
        {
            nodes.Add(node);
            var children = node switch
            {
                JsonObject o => o.Select(pair => pair.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>())
            {
                Walk(child);
            }
        }

        Walk(copy);
        var target = nodes[random.Next(nodes.Count)];
        var odd = OddValues[random.Next(OddValues.Length)]?.DeepClone();
        switch (target.Parent)
        {
            case null:
                return odd ?? JsonValue.Create("null")!;
            case JsonObject parent:
                var name = target.GetPropertyName();
                if (random.Next(6) == 0)
                {
                    parent.Remove(name);
                }
                else
                {
                    parent[name] = odd;
                }

                break;
            case JsonArray array:
                array[target.GetElementIndex()] = odd;
                break;
        }

        return copy;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
