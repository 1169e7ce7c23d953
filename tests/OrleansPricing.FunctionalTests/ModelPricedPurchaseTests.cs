using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Contracts;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// Which orders the discount-affinity features leave out, end to end: the quote's exploration mark travels in its signed
/// token, the claim keeps it, and the completed order counts as model-priced only when a model chose its level below list
/// price.
/// </summary>
[Trait("Requires", "Azurite")]
public sealed class ModelPricedPurchaseTests : IAsyncLifetime
{
    private const int Skus = 12;

    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_order_on_an_exploration_draw_counts_as_the_customers_own_and_one_on_a_models_level_does_not()
    {
        // Half the lines explored, so that a quote of twelve SKUs holds both kinds of line. The draws are seeded by the
        // pricing clock (ExplorationSeeds), held still here so that every run draws alike — at a day long past, so that
        // any check made on the host's clock instead would refuse these quotes as expired; the daily cap is lifted so that
        // it cannot send the model's discounted lines back to list price when the draws fall on the others (at the
        // default five, when all five lines it kept were explored: one run in 32).
        _cluster.ExtraSettings["Pricing:ExplorationRate"] = "0.5";
        _cluster.ExtraSettings["Pricing:MaxDiscountedOffersPerDay"] = "100";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var grains = (await _cluster.StartSiloAsync(services => services.AddKeyedSingleton<TimeProvider>(PricingClock.Key, clock)))
            .Services.GetRequiredService<IGrainFactory>();
        var skus = Enumerable.Range(0, Skus).Select(i => $"explore-sku-{i:D2}").ToList();
        foreach (var sku in skus)
        {
            Assert.True((await grains.GetGrain<IProductGrain>(sku).UpsertAsync(new ProductDefinition(sku, "home", 40m, 10m, 20m, 0.4, 100))).Applied);
        }

        var customer = grains.GetGrain<ICustomerGrain>("explore-customer");
        var quotes = (await customer.QuoteAsync(new QuoteRequest(skus, "web"))).Quotes;
        // One order a line, so that each line's mark decides its own order.
        foreach (var quote in quotes)
        {
            Assert.Equal(OrderStatus.Completed, (await grains.GetGrain<IOrderGrain>($"explore-order-{quote.Sku}").PlaceAsync(
                new OrderRequest("explore-customer", [new OrderLineRequest(quote.Sku, 1, quote.Token)]))).Status);
        }

        var features = (await customer.GetAsync()).Features;
        var explored = quotes.Where(quote => quote.Reasons.Contains(DecisionReasons.Exploration)).ToList();
        Assert.Equal(Skus, features.LifetimePurchases);
        // A model's level at list price won nothing by a discount: that purchase is the customer's own too.
        var modelDiscounted = quotes.Where(quote => !explored.Contains(quote) && quote.Price < quote.ListPrice).ToList();
        Assert.NotEmpty(explored);
        Assert.NotEmpty(modelDiscounted);
        Assert.Equal(modelDiscounted.Count, features.ModelPricedPurchases);
        Assert.Equal(modelDiscounted.Sum(quote => quote.Price), features.ModelPricedSpend);
        // The explored lines bought below list price are the customer's discounted purchases.
        Assert.Equal(explored.Count(quote => quote.Price < quote.ListPrice), features.DiscountedPurchases);
    }
}
