using OrleansPricing.Contracts.Customers;
using OrleansPricing.Grains.Customers;

namespace OrleansPricing.UnitTests.Customers;

public sealed class CustomerStateTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static PurchasedLine Line(string? quoteId) => new("SKU-1", "shoes", 1, 45m, 50m, quoteId);

    [Fact]
    public void An_order_is_model_priced_when_a_line_took_a_quote_whose_level_a_model_chose()
    {
        var state = new CustomerState();
        state.UsedQuotes["explored"] = new UsedQuote("order-1", Expiry, Explored: true);
        state.UsedQuotes["chosen"] = new UsedQuote("order-1", Expiry, Explored: false);

        Assert.False(state.IsModelPriced([Line(null)]));
        Assert.False(state.IsModelPriced([Line("explored")]));
        Assert.False(state.IsModelPriced([Line("explored"), Line(null)]));
        Assert.True(state.IsModelPriced([Line("explored"), Line("chosen")]));
        // A claim not kept (or made before the draw was recorded) counts as a model's choice.
        Assert.True(state.IsModelPriced([Line("unknown")]));
    }

    [Fact]
    public void An_order_on_a_models_quote_at_list_price_is_the_customers_own_purchase()
    {
        var state = new CustomerState();
        state.UsedQuotes["list"] = new UsedQuote("order-1", Expiry, Explored: false);
        state.UsedQuotes["chosen"] = new UsedQuote("order-1", Expiry, Explored: false);
        PurchasedLine AtList(string quoteId) => new("SKU-2", "shoes", 2, 50m, 50m, quoteId);

        Assert.False(state.IsModelPriced([AtList("list")]));
        // Less than half a percent below list is rounding, not a discount.
        Assert.False(state.IsModelPriced([AtList("list") with { UnitPrice = 49.80m }]));
        Assert.True(state.IsModelPriced([AtList("list") with { UnitPrice = 49.70m }]));
        Assert.True(state.IsModelPriced([AtList("list"), Line("chosen")]));
    }
}
