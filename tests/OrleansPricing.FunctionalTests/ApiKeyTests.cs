using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansPricing.FunctionalTests;

/// <summary>Who may call what: no key 401, an unknown key 401, an integration key 403 on management endpoints.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class ApiKeyTests(GatewayFixture fixture)
{
    private HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = fixture.Http.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    [Theory]
    [InlineData("GET", "/api/v1/products/anything")]
    [InlineData("POST", "/api/v1/quotes")]
    [InlineData("POST", "/api/v1/orders")]
    [InlineData("PUT", "/api/v1/products")]
    [InlineData("GET", "/api/v1/admin/models")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task Without_a_known_key_every_endpoint_is_401_with_problem_details(string method, string path)
    {
        using var anonymous = Client(null);
        using var stranger = Client("not-a-key");

        var missing = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        var unknown = await stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

        var missingProblem = await missing.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("This endpoint needs an API key: send it in the X-Api-Key header.", (string)missingProblem["detail"]!);
        Assert.Contains("X-Api-Key", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("The API key is not one this service knows.", (string)(await unknown.ExpectAsync(HttpStatusCode.Unauthorized))["detail"]!);
    }

    [Fact]
    public async Task An_integration_key_runs_the_storefront_and_nothing_else()
    {
        await fixture.Http.PutProductsAsync(Api.Product("key-sku", inventory: 5));
        using var storefront = Client(fixture.Cluster.IntegrationKey);

        await (await storefront.GetAsync("/api/v1/products/key-sku")).ExpectAsync(HttpStatusCode.OK);
        var quote = (await (await storefront.PostJsonAsync("/api/v1/quotes", new { customerId = "key-customer", skus = new[] { "key-sku" } }))
            .ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!;
        await (await storefront.PostJsonAsync("/api/v1/orders", new { orderId = "key-order", customerId = "key-customer",
            lines = new[] { new { sku = "key-sku", quantity = 1, quoteToken = (string)quote["token"]! } } })).ExpectAsync(HttpStatusCode.OK);

        foreach (var (method, path) in new[]
        {
            ("PUT", "/api/v1/products"), ("GET", "/api/v1/customers/key-customer"), ("GET", "/api/v1/admin/models"),
            ("POST", "/api/v1/admin/models/rollback"), ("GET", "/api/v1/admin/campaigns/any"), ("POST", "/api/v1/admin/learning/runs"),
            ("POST", "/api/v1/admin/learning/runs/run-0001/cancel"),
            ("GET", "/openapi/v1.json"), ("DELETE", "/api/v1/customers/key-customer"),
        })
        {
            var response = await storefront.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
            var problem = await response.ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("The API key 'functional-integration' has the integration role; this endpoint needs a management key.", (string)problem["detail"]!);
        }

        Assert.Equal(4, (int)(await fixture.Http.GetJsonAsync("/api/v1/products/key-sku"))["available"]!);
    }

    [Fact]
    public async Task Each_key_has_its_own_request_rate_and_past_it_gets_429()
    {
        using var limited = await fixture.Cluster.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RequestsPerSecondPerKey"] = "5" });
        using var storefront = new HttpClient { BaseAddress = limited.BaseAddress };
        storefront.DefaultRequestHeaders.Add("X-Api-Key", fixture.Cluster.IntegrationKey);

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => limited.GetAsync("/api/v1/products/no-such-sku")));
        var other = await storefront.GetAsync("/api/v1/products/no-such-sku");

        // A second's worth (5) passes; the rest of the burst is refused before any grain is called.
        var refused = burst.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 20, 25);
        Assert.Equal("1", refused[0].Headers.RetryAfter!.ToString());
        var problem = await refused[0].ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("The request rate of API key 'functional-management' is over its limit; retry after a second.", (string)problem["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Quotes_for_one_customer_past_their_rate_get_429_and_other_customers_do_not()
    {
        await fixture.Http.PutProductsAsync(Api.Product("rate-sku"));
        using var limited = await fixture.Cluster.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:QuotesPerSecondPerCustomer"] = "3" });

        var burst = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            limited.PostJsonAsync("/api/v1/quotes", new { customerId = "rate-customer", skus = new[] { "rate-sku" } })));
        var other = await limited.PostJsonAsync("/api/v1/quotes", new { customerId = "rate-other", skus = new[] { "rate-sku" } });

        var refused = burst.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 4, 7); // 3 pass, and up to 3 more if the bucket refilled during the burst
        Assert.Equal("1", refused[0].Headers.RetryAfter!.ToString());
        var problem = await refused[0].ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("The request rate of quotes for customer 'rate-customer' is over its limit; retry after a second.", (string)problem["detail"]!);
        await other.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_is_also_taken_as_the_basic_password_so_a_browser_can_sign_in()
    {
        using var browser = Client(null);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{fixture.Cluster.ManagementKey}")));

        await (await browser.GetAsync("/api/v1/admin/models")).ExpectAsync(HttpStatusCode.OK);
    }
}
