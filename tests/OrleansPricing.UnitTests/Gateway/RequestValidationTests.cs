using OrleansPricing.Client;
using OrleansPricing.Client.Apis;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;

namespace OrleansPricing.UnitTests.Gateway;

public sealed class RequestValidationTests
{
    private static readonly GatewayOptions Options = new();
    private static readonly DateTimeOffset Now = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProductRequest ValidProduct(string sku = "SKU-1") => new(sku, "shoes", 100m, 40m, 70m, 0.3, 5);

    [Fact]
    public void Valid_products_become_definitions()
    {
        var (definitions, errors) = ProductsApi.Validate([ValidProduct("A"), ValidProduct("B")], Options);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["A", "B"], definitions.Select(d => d.Sku));
    }

    [Theory]
    [InlineData("a#1")]
    [InlineData("a/1")]
    [InlineData("a\\1")]
    [InlineData("a?1")]
    public void Ids_that_storage_would_alias_are_refused(string sku)
    {
        var (_, errors) = ProductsApi.Validate([ValidProduct(sku)], Options);

        Assert.StartsWith("must not contain '/', '\\', '#' or '?'", errors.ToDictionary()["[0].sku"].Single());
    }

    [Fact]
    public void Product_errors_name_each_field()
    {
        var (_, errors) = ProductsApi.Validate(
        [
            ValidProduct(),
            new ProductRequest("SKU-2", "shoes", -1m, null, 5m, 1.5, -3),
            ValidProduct() with { FloorPrice = 120m },
            ValidProduct() with { Sku = new string('x', 129) },
            null,
        ], Options);

        var fields = errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["[1].inventory", "[1].listPrice", "[1].maxDiscount", "[1].unitCost", "[2].floorPrice", "[2].sku", "[3].sku", "[4]"],
            fields);
        Assert.Contains("more than once", errors.ToDictionary()["[2].sku"][0]);
    }

    [Fact]
    public void Empty_and_oversized_batches_are_refused()
    {
        Assert.Contains("body", ProductsApi.Validate([], Options).Errors.ToDictionary().Keys);
        var tooMany = Enumerable.Range(0, Options.MaxBatchItems + 1).Select(i => (ProductRequest?)ValidProduct($"S{i}")).ToList();
        Assert.Contains("at most", ProductsApi.Validate(tooMany, Options).Errors.ToDictionary()["body"][0]);
    }

    [Fact]
    public void Amounts_and_prices_near_the_decimal_range_are_refused()
    {
        // 7.9e28 once passed, and a customer's summed spend then overflowed on the next purchase.
        var (_, events) = EventsApi.Validate([new EventRequest("e1", "c1", "purchase", "SKU", 1_000_001, 79_000_000_000_000_000_000_000_000_000m, Now)], Options, Now);
        var (_, products) = ProductsApi.Validate([ValidProduct() with { ListPrice = 2_000_000_000m, UnitCost = 1_500_000_000m, FloorPrice = 1m }], Options);

        Assert.Equal(["must be at most 1,000,000,000."], events.ToDictionary()["[0].amount"]);
        Assert.Equal(["must be between 1 and 1000000."], events.ToDictionary()["[0].quantity"]);
        Assert.Equal(["[0].listPrice", "[0].unitCost"], products.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Events_are_grouped_by_customer_and_bad_ones_named()
    {
        var (byCustomer, errors) = EventsApi.Validate(
        [
            new EventRequest("e1", "c1", "view", "SKU", null, null, Now),
            new EventRequest("e2", "c2", "purchase", null, 2, 30m, Now),
            new EventRequest("e3", "c1", "cart", "SKU", 1, null, Now),
        ], Options, Now);

        Assert.True(errors.IsEmpty);
        Assert.Equal(2, byCustomer["c1"].Count);
        Assert.Equal(30m, byCustomer["c2"].Single().Amount);

        var (_, bad) = EventsApi.Validate(
        [
            new EventRequest("e1", "c1", "like", "SKU", 1, 0m, Now),
            new EventRequest("e2", "c1", "purchase", null, 0, null, Now),
            new EventRequest("e3", "c1", "view", null, 1, -1m, Now.AddDays(2)),
            new EventRequest(null, "", "view", "SKU", 1, 0m, null),
        ], Options, Now);

        Assert.Equal(
            ["[0].type", "[1].amount", "[1].quantity", "[2].amount", "[2].sku", "[2].timestamp", "[3].customerId", "[3].eventId", "[3].timestamp"],
            bad.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Quote_request_needs_a_customer_skus_and_a_known_channel()
    {
        var (customerId, request, errors) = QuotesApi.Validate(new QuoteHttpRequest("c1", ["A", "B"], null), Options);
        Assert.True(errors.IsEmpty);
        Assert.Equal("c1", customerId);
        Assert.Equal("web", request!.Channel);
        Assert.Equal(1, request.Units);
        Assert.Equal(3, QuotesApi.Validate(new QuoteHttpRequest("c1", ["A"], "app", Units: 3), Options).Request!.Units);

        var (_, _, bad) = QuotesApi.Validate(new QuoteHttpRequest(null, ["A", null], "fax", Units: 0), Options);
        Assert.Equal(["channel", "customerId", "skus[1]", "units"], bad.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void An_order_line_citing_a_quote_by_id_is_refused_naming_the_token_field()
    {
        var (_, _, errors) = OrdersApi.Validate(new OrderHttpRequest("o1", "c1", [new OrderLineHttpRequest("A", 1, null, "q1")]), Options);

        Assert.Equal(["is no longer read: cite the quote by its signed token in quoteToken (the quote answer's token)."], errors.ToDictionary()["lines[0].quoteId"]);
    }

    [Fact]
    public void Order_lines_are_checked_one_by_one()
    {
        var (orderId, order, errors) = OrdersApi.Validate(
            new OrderHttpRequest("o1", "c1", [new OrderLineHttpRequest("A", 2, "q1")]), Options);
        Assert.True(errors.IsEmpty);
        Assert.Equal("o1", orderId);
        Assert.Equal(2, order!.Lines.Single().Quantity);

        var (_, _, bad) = OrdersApi.Validate(
            new OrderHttpRequest("o1", "c1",
            [
                new OrderLineHttpRequest("A", 0, null),
                new OrderLineHttpRequest("B", 1, null),
                new OrderLineHttpRequest("B", 1, null),
                null,
            ]), Options);
        Assert.Equal(["lines[0].quantity", "lines[2].sku", "lines[3]"], bad.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("$[2].listPrice", "[2].listPrice")]
    [InlineData("$.lines[0].quantity", "lines[0].quantity")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void Json_paths_become_field_names(string? path, string field)
    {
        Assert.Equal(field, JsonBodyPath.FieldOf(path));
    }
}
