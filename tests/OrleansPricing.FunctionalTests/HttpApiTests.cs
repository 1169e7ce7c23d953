using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Contracts;

namespace OrleansPricing.FunctionalTests;

[Collection(GatewayCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class HttpApiTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Product_shows_reserved_and_available_units()
    {
        await Http.PutProductsAsync(Api.Product("api-product", inventory: 7));

        var product = await Http.GetJsonAsync("/api/v1/products/api-product");

        Assert.Equal(7, (int)product["inventory"]!);
        Assert.Equal(0, (int)product["reserved"]!);
        Assert.Equal(7, (int)product["available"]!);
        Assert.Equal(12.50m, product["listPrice"].AsMoney());
        var missing = await (await Http.GetAsync("/api/v1/products/no-such-sku")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, (int)missing["status"]!);
    }

    [Fact]
    public async Task Events_update_the_customer_features()
    {
        await Http.PutProductsAsync(Api.Product("api-events-sku", category: "shoes"));
        var now = DateTimeOffset.UtcNow;
        object[] events =
        [
            new { eventId = "api-e1", customerId = "api-events-customer", type = "view", sku = "api-events-sku", timestamp = now.AddMinutes(-5) },
            new { eventId = "api-e2", customerId = "api-events-customer", type = "purchase", sku = "api-events-sku", quantity = 1, amount = 40.0, timestamp = now },
        ];

        var accepted = await (await Http.PostJsonAsync("/api/v1/events", events)).ExpectAsync(HttpStatusCode.Accepted);
        var redelivered = await (await Http.PostJsonAsync("/api/v1/events", events)).ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal(2, (int)accepted["applied"]!);
        Assert.Equal(2, (int)redelivered["duplicates"]!);
        var customer = await Http.GetJsonAsync("/api/v1/customers/api-events-customer");
        Assert.Equal(1, (int)customer["features"]!["lifetimePurchases"]!);
        Assert.Equal(40m, customer["features"]!["lifetimeSpend"].AsMoney());
        Assert.Equal(1.0, (double)customer["features"]!["categoryAffinity"]!["shoes"]!, 9);
        Assert.Equal("occasional", (string)customer["segment"]!["name"]!);
    }

    [Fact]
    public async Task Quotes_respect_floors_and_report_unknown_skus()
    {
        await Http.PutProductsAsync(
            Api.Product("api-quote-mug"),
            Api.Product("api-quote-phones", listPrice: 149m, unitCost: 88m, floorPrice: 140m, maxDiscount: 0.15, category: "electronics"));

        var response = await (await Http.PostJsonAsync("/api/v1/quotes",
            new { customerId = "api-quote-customer", skus = new[] { "api-quote-mug", "api-quote-phones", "api-quote-none" }, channel = "web" }))
            .ExpectAsync(HttpStatusCode.OK);

        var quotes = response["quotes"]!.AsArray();
        Assert.Equal(2, quotes.Count);
        var phones = quotes.Single(q => (string)q!["sku"]! == "api-quote-phones")!;
        Assert.True(phones["price"].AsMoney() >= 140m);
        Assert.True((double)phones["discount"]! <= 0.15);
        var mug = quotes.Single(q => (string)q!["sku"]! == "api-quote-mug")!;
        Assert.True(mug["price"].AsMoney() >= 8m);
        Assert.Equal("new", (string)mug["segment"]!);
        Assert.NotNull((string?)mug["quoteId"]);
        Assert.StartsWith("q1.", (string)mug["token"]!);
        Assert.True(DateTimeOffset.Parse((string)mug["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.Equal("unknown-sku", (string)response["errors"]![0]!["code"]!);
        // By default the registry's active version prices quotes: the logistic prior, registered as its first version.
        Assert.Equal("onnx-response@logistic-purchase-2.0.0", (string)response["model"]!);
    }

    [Fact]
    public async Task A_product_changed_is_quoted_with_its_new_terms_at_once_on_its_own_silo()
    {
        // The silo keeps copies of products' pricing facts for Pricing:ProductFactsMaxAge (1 s); a product grain drops its
        // silo's copy when it changes, so on one silo the next quote has the new terms however soon it comes.
        async Task<JsonNode> QuoteAsync() => await (await Http.PostJsonAsync("/api/v1/quotes",
            new { customerId = "api-terms-customer", skus = new[] { "api-terms-kettle" }, channel = "web" })).ExpectAsync(HttpStatusCode.OK);

        var unknown = await QuoteAsync();
        Assert.Equal("unknown-sku", (string)unknown["errors"]![0]!["code"]!);

        await Http.PutProductsAsync(Api.Product("api-terms-kettle", listPrice: 40m, unitCost: 10m, floorPrice: 30m));
        Assert.Equal(40m, (await QuoteAsync())["quotes"]![0]!["listPrice"].AsMoney());

        await Http.PutProductsAsync(Api.Product("api-terms-kettle", listPrice: 55m, unitCost: 10m, floorPrice: 54m));
        var changed = (await QuoteAsync())["quotes"]![0]!;
        Assert.Equal(55m, changed["listPrice"].AsMoney());
        Assert.True(changed["price"].AsMoney() >= 54m);
    }

    [Fact]
    public async Task Order_honours_its_quote_and_is_idempotent()
    {
        await Http.PutProductsAsync(Api.Product("api-order-mug", inventory: 10));
        var quote = (await (await Http.PostJsonAsync("/api/v1/quotes",
            new { customerId = "api-order-customer", skus = new[] { "api-order-mug" } })).ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!;
        var order = new { orderId = "api-order-1", customerId = "api-order-customer",
            lines = new[] { new { sku = "api-order-mug", quantity = 3, quoteToken = (string)quote["token"]! } } };

        var first = await (await Http.PostJsonAsync("/api/v1/orders", order)).ExpectAsync(HttpStatusCode.OK);
        var retry = await (await Http.PostJsonAsync("/api/v1/orders", order)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(quote["price"].AsMoney(), first["lines"]![0]!["unitPrice"].AsMoney());
        Assert.Equal(quote["price"].AsMoney() * 3, first["total"].AsMoney());
        Assert.Equal(first["total"].AsMoney(), retry["total"].AsMoney());
        Assert.True((bool)retry["replayed"]!);
        Assert.Equal(7, (int)(await Http.GetJsonAsync("/api/v1/products/api-order-mug"))["available"]!);
        Assert.Equal("completed", (string)(await Http.GetJsonAsync("/api/v1/orders/api-order-1"))["status"]!);

        // Another order citing the used quote: 409; the quote altered or cut short: 422. Problem details either way.
        var replayed = await Http.PostJsonAsync("/api/v1/orders", new { orderId = "api-order-2", customerId = "api-order-customer",
            lines = new[] { new { sku = "api-order-mug", quantity = 1, quoteToken = (string)quote["token"]! } } });
        var used = await replayed.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(("Quote already used", "The quote was already used by order 'api-order-1'."), ((string)used["title"]!, (string)used["detail"]!));
        Assert.Equal("application/problem+json", replayed.Content.Headers.ContentType!.MediaType);
        var tampered = await (await Http.PostJsonAsync("/api/v1/orders", new { orderId = "api-order-3", customerId = "api-order-customer",
            lines = new[] { new { sku = "api-order-mug", quantity = 1, quoteToken = ((string)quote["token"]!)[..^2] } } })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Quote not honoured", (string)tampered["title"]!);
        Assert.Equal(7, (int)(await Http.GetJsonAsync("/api/v1/products/api-order-mug"))["available"]!);
    }

    [Fact]
    public async Task Concurrent_orders_never_oversell()
    {
        await Http.PutProductsAsync(Api.Product("api-race-sku", inventory: 15));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Http.PostJsonAsync("/api/v1/orders",
            new { orderId = $"api-race-{i}", customerId = $"api-race-customer-{i % 5}", lines = new[] { new { sku = "api-race-sku", quantity = 1 } } })));

        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(25, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var product = await Http.GetJsonAsync("/api/v1/products/api-race-sku");
        Assert.Equal(0, (int)product["available"]!);
        Assert.Equal(15, (int)product["unitsSold"]!);
    }

    [Fact]
    public async Task Order_without_stock_is_409_and_changes_nothing()
    {
        await Http.PutProductsAsync(Api.Product("api-short-a", inventory: 5), Api.Product("api-short-b", inventory: 1));

        var problem = await (await Http.PostJsonAsync("/api/v1/orders", new
        {
            orderId = "api-short-order", customerId = "api-short-customer",
            lines = new[] { new { sku = "api-short-a", quantity = 2 }, new { sku = "api-short-b", quantity = 2 } },
        })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("api-short-b", (string)problem["sku"]!);
        Assert.Equal(5, (int)(await Http.GetJsonAsync("/api/v1/products/api-short-a"))["available"]!);
        Assert.Equal(1, (int)(await Http.GetJsonAsync("/api/v1/products/api-short-b"))["available"]!);
        Assert.Equal(0, (int)(await Http.GetJsonAsync("/api/v1/customers/api-short-customer"))["features"]!["lifetimePurchases"]!);
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        { "PUT", "/api/v1/products", "[{\"sku\": \"x\", ", "[0]" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"listPrice\":\"NaN\",\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1}]", "[0].listPrice" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"listPrice\":NaN,\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1}]", "[0].listPrice" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"listPrice\":-5,\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1}]", "[0].listPrice" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"listPrice\":10,\"unitCost\":1,\"floorPrice\":11,\"maxDiscount\":0.1,\"inventory\":1}]", "[0].floorPrice" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1}]", "[0].listPrice" },
        { "PUT", "/api/v1/products", "[{\"sku\":\"x\",\"category\":\"c\",\"listPrice\":10,\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1.5}]", "[0].inventory" },
        { "PUT", "/api/v1/products", $"[{{\"sku\":\"{new string('s', 129)}\",\"category\":\"c\",\"listPrice\":10,\"unitCost\":1,\"floorPrice\":1,\"maxDiscount\":0.1,\"inventory\":1}}]", "[0].sku" },
        { "POST", "/api/v1/events", "[{\"eventId\":\"e\",\"customerId\":\"c\",\"type\":\"like\",\"sku\":\"s\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]", "[0].type" },
        { "POST", "/api/v1/events", "[{\"eventId\":\"e\",\"customerId\":\"c\",\"type\":\"view\",\"sku\":\"s\",\"timestamp\":\"yesterday\"}]", "[0].timestamp" },
        { "POST", "/api/v1/events", "[{\"eventId\":\"e\",\"customerId\":\"c\",\"type\":\"view\",\"sku\":\"s\",\"timestamp\":\"0001-01-01T00:00:00Z\"}]", "[0].timestamp" },
        // A time without its UTC offset would be read in the gateway's own time zone.
        { "POST", "/api/v1/events", "[{\"eventId\":\"e\",\"customerId\":\"c\",\"type\":\"view\",\"sku\":\"s\",\"timestamp\":\"2026-01-01T00:00:00\"}]", "[0].timestamp" },
        { "PUT", "/api/v1/admin/campaigns/naive", "{\"start\":\"2026-01-01T00:00:00\",\"end\":\"2026-01-02T00:00:00Z\",\"budget\":100,\"skus\":[\"a\"]}", "start" },
        { "POST", "/api/v1/quotes", "{\"customerId\":\"c\",\"skus\":[]}", "skus" },
        { "POST", "/api/v1/quotes", "{\"customerId\":\"c\",\"skus\":\"one\"}", "skus" },
        { "POST", "/api/v1/quotes", "{\"customerId\":\"c\",\"skus\":[\"s\"],\"units\":0}", "units" },
        { "POST", "/api/v1/orders", "{\"orderId\":\"o\",\"customerId\":\"c\",\"lines\":[{\"sku\":\"s\",\"quantity\":-1}]}", "lines[0].quantity" },
        { "POST", "/api/v1/orders", "{\"orderId\":\"o\",\"customerId\":\"c\",\"lines\":[{\"sku\":\"s\",\"quantity\":1}]}", "lines[0].sku" },
        { "POST", "/api/v1/orders", "", "body" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_400_problem_details_naming_the_field(string method, string path, string body, string field)
    {
        var response = await Http.SendRawAsync(new HttpMethod(method), path, body);

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, Api.ErrorFields(problem));
    }

    [Fact]
    public async Task Bad_batch_applies_nothing()
    {
        var response = await Http.PutAsync("/api/v1/products", System.Net.Http.Json.JsonContent.Create(new object[]
        {
            Api.Product("api-partial-good"),
            Api.Product("api-partial-bad", listPrice: -1m),
        }));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        await (await Http.GetAsync("/api/v1/products/api-partial-good")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Oversized_body_gets_413_problem_details()
    {
        var huge = "[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"x\"}", 200_000)) + "]";

        // Expect: 100-continue, so the client sends no body once the server has refused it by its length (else the
        // server may close the connection while the client still writes, and the client sees a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/products") { Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await Http.SendAsync(request);

        var problem = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, (int)problem["status"]!);
    }

    [Fact]
    public async Task Overlong_path_id_gets_400()
    {
        var problem = await (await Http.GetAsync("/api/v1/customers/" + new string('c', 129))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["customerId"], Api.ErrorFields(problem));
    }

    [Fact]
    public async Task Unbindable_query_values_and_blank_ids_get_400_problems_not_500()
    {
        var response = await Http.GetAsync("/api/v1/admin/audit?limit=1e3");
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var page = await (await Http.GetAsync("/api/v1/products?limit=abc")).ExpectAsync(HttpStatusCode.BadRequest);
        var blank = await (await Http.PostAsync("/api/v1/admin/campaigns/%20/pause", null)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Failed to bind parameter \"Nullable<int> limit\" from \"1e3\".", (string)problem["detail"]!);
        Assert.Equal("Failed to bind parameter \"Nullable<int> limit\" from \"abc\".", (string)page["detail"]!);
        Assert.Equal(["campaignId"], Api.ErrorFields(blank));
    }

    [Fact]
    public async Task Event_times_and_live_campaigns_are_read_on_the_pricing_clock_not_the_gateway_hosts()
    {
        // Business time ten days ahead of the host's, as a simulation runs it: the features decay on that clock, so the
        // gateway checks event times against it (until 2026-12-06 against the host's, refusing these events as future).
        var now = DateTimeOffset.UtcNow;
        var ahead = new FakeTimeProvider(now.AddDays(10));
        using var gateway = await fixture.Cluster.StartGatewayAsync(services: services => services.AddKeyedSingleton<TimeProvider>(PricingClock.Key, ahead));
        await gateway.PutProductsAsync(Api.Product("api-clock-sku"));
        await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/api-clock-campaign",
            $$"""{"start":"{{now.AddHours(-1):O}}","end":"{{now.AddDays(5):O}}","budget":100,"skus":["api-clock-sku"]}"""))
            .ExpectAsync(HttpStatusCode.OK);

        var accepted = await (await gateway.PostJsonAsync("/api/v1/events",
            new[] { new { eventId = "api-clock-e1", customerId = "api-clock-customer", type = "view", sku = "api-clock-sku", timestamp = now.AddDays(10) } }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var refused = await (await gateway.PostJsonAsync("/api/v1/events",
            new[] { new { eventId = "api-clock-e2", customerId = "api-clock-customer", type = "view", sku = "api-clock-sku", timestamp = now.AddDays(10).AddHours(2) } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var liveAhead = (await gateway.GetJsonAsync("/api/v1/admin/campaigns?live=true")).AsArray();
        var liveNow = (await Http.GetJsonAsync("/api/v1/admin/campaigns?live=true")).AsArray();

        Assert.Equal(1, (int)accepted["applied"]!);
        Assert.Equal(["[0].timestamp"], Api.ErrorFields(refused));
        Assert.DoesNotContain(liveAhead, campaign => (string)campaign!["definition"]!["campaignId"]! == "api-clock-campaign");
        Assert.Contains(liveNow, campaign => (string)campaign!["definition"]!["campaignId"]! == "api-clock-campaign");
    }

    [Fact]
    public async Task Campaign_admin_api_creates_reads_pauses_and_validates()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/api-campaign",
            $$"""{"start":"{{now.AddHours(-1):O}}","end":"{{now.AddDays(7):O}}","budget":250,"skus":["api-campaign-sku"],"holdoutFraction":0.2}"""))
            .ExpectAsync(HttpStatusCode.OK);
        var paused = await (await Http.PostAsync("/api/v1/admin/campaigns/api-campaign/pause", null)).ExpectAsync(HttpStatusCode.OK);
        var read = await Http.GetJsonAsync("/api/v1/admin/campaigns/api-campaign");
        var bad = await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/api-campaign-2",
            """{"start":"2026-01-02T00:00:00Z","end":"2026-01-01T00:00:00Z","budget":-1,"discountGrid":[0.1,0.05]}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(250m, created["available"].AsMoney());
        Assert.True((bool)paused["paused"]!);
        Assert.Equal(0.2, (double)read["definition"]!["holdoutFraction"]!);
        Assert.Equal(["budget", "discountGrid", "end", "skus"], Api.ErrorFields(bad));
        await (await Http.GetAsync("/api/v1/admin/campaigns/no-such-campaign")).ExpectAsync(HttpStatusCode.NotFound);
        var listed = (await Http.GetJsonAsync("/api/v1/admin/campaigns?live=true")).AsArray();
        Assert.Contains(listed, campaign => (string)campaign!["definition"]!["campaignId"]! == "api-campaign" && (bool)campaign["paused"]!);
    }

    [Fact]
    public async Task Model_registry_admin_api_lists_versions_and_refuses_bad_uploads()
    {
        var registry = await Http.GetJsonAsync("/api/v1/admin/models");
        var refused = await (await Http.PostJsonAsync("/api/v1/admin/models",
            new { version = "broken", onnx = Convert.ToBase64String([1, 2, 3]), card = new { featureDefinition = "pricing-features/v1" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var missing = await (await Http.PostAsync("/api/v1/admin/models/no-such-version/activate", null)).ExpectAsync(HttpStatusCode.NotFound);
        var reserved = await (await Http.PostJsonAsync("/api/v1/admin/models",
            new { version = "learned-9999", onnx = Convert.ToBase64String([1, 2, 3]), card = new { featureDefinition = "pricing-features/v2" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(registry["versions"]);
        Assert.Equal(["onnx"], Api.ErrorFields(refused));
        Assert.Equal(
            "Model refused: Versions named 'learned-…' are the learning service's; name an upload otherwise.",
            (string?)reserved["errors"]!["onnx"]![0]);
        Assert.Equal(404, (int)missing["status"]!);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_v1_endpoints()
    {
        var document = await Http.GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(pair => pair.Key).ToList();

        Assert.Contains("/api/v1/products", paths);
        Assert.Contains("/api/v1/quotes", paths);
        Assert.Contains("/api/v1/orders", paths);
        Assert.Contains("/api/v1/events", paths);
        Assert.IsType<JsonObject>(document["paths"]!["/api/v1/quotes"]!["post"]);
    }

    [Fact]
    public async Task Delete_erases_a_customer_who_then_reads_as_new_and_whose_quotes_are_refused()
    {
        await Http.PutProductsAsync(Api.Product("erase-sku"));
        await (await Http.PostJsonAsync("/api/v1/events", new[]
        {
            new { eventId = "erase-ev-1", customerId = "erase-me", type = "purchase", sku = "erase-sku", quantity = 1, amount = 12.5m, timestamp = DateTimeOffset.UtcNow.AddDays(-1) },
        })).ExpectAsync(HttpStatusCode.Accepted);
        var quote = (await (await Http.PostJsonAsync("/api/v1/quotes", new { customerId = "erase-me", skus = new[] { "erase-sku" } }))
            .ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!;
        Assert.Equal(1, (int)(await Http.GetJsonAsync("/api/v1/customers/erase-me"))["features"]!["lifetimePurchases"]!);

        var erased = await Http.DeleteAsync("/api/v1/customers/erase-me");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var customer = await Http.GetJsonAsync("/api/v1/customers/erase-me");
        Assert.Equal((0, "new"), ((int)customer["features"]!["lifetimePurchases"]!, (string)customer["segment"]!["name"]!));
        var order = await (await Http.PostJsonAsync("/api/v1/orders", new
        {
            orderId = "erase-order", customerId = "erase-me", lines = new[] { new { sku = "erase-sku", quantity = 1, quoteToken = (string)quote["token"]! } },
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The quote was issued before the customer's data was erased.", (string)order["detail"]!);
    }

    [Fact]
    public async Task Unknown_or_repeated_members_and_overlong_campaign_lists_are_refused_naming_the_field()
    {
        var typo = await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/products",
            """[{"sku":"typo-sku","category":"home","lisPrice":12.50,"unitCost":2.80,"floorPrice":8.00,"maxDiscount":0.30,"inventory":100}]"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("is not a member of this request (line 1, byte 49); check its spelling.", (string)typo["errors"]!["[0].lisPrice"]![0]!);
        await (await Http.GetAsync("/api/v1/products/typo-sku")).ExpectAsync(HttpStatusCode.NotFound);

        // A member given twice is refused rather than read as its last value, in a request and in a map within it.
        var twice = await (await Http.SendRawAsync(HttpMethod.Post, "/api/v1/quotes",
            """{"customerId":"first","customerId":"second","skus":["typo-sku"]}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("is given more than once (line 1, byte 36); send it once.", (string)twice["errors"]!["customerId"]![0]!);
        var limits = await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/twice-campaign",
            """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z","budget":100,"skus":["a"],"unitLimits":{"a":1,"a":5}}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["unitLimits.a"], Api.ErrorFields(limits));
        await (await Http.GetAsync("/api/v1/admin/campaigns/twice-campaign")).ExpectAsync(HttpStatusCode.NotFound);

        var now = DateTimeOffset.UtcNow;
        var holdout = await (await Http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/typo-campaign",
            $$"""{"start":"{{now:O}}","end":"{{now.AddDays(1):O}}","budget":100,"skus":["a"],"holdOut":0.2}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["holdOut"], Api.ErrorFields(holdout));

        var skus = Enumerable.Range(0, 1_001).Select(i => $"sku-{i}").ToArray();
        var longList = await (await Http.PutAsJsonAsync("/api/v1/admin/campaigns/long-campaign", new { start = now, end = now.AddDays(1), budget = 100, skus }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("must list at most 1000 items, listed 1001.", (string)longList["errors"]!["skus"]![0]!);
    }
}
