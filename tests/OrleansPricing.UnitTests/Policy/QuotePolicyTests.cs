using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Policy;

public sealed class QuotePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Isolates the policy from the logistic model (tested on its own): purchase probability is a fixed function of
    /// the list price and discount columns, so each SKU's best level is known in advance.
    /// </summary>
    private sealed class PriceSensitiveModel : IResponseModel
    {
        public ResponseModelInfo Info { get; } = new("price-sensitive", "1", "test", FeatureDefinition.Version);

        public int Calls { get; private set; }

        public ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = new float[rows.Rows];
            for (var r = 0; r < rows.Rows; r++)
            {
                var row = rows.ReadRow(r);
                var listPrice = Math.Exp(row[9]) - 1;
                // Expensive items respond more strongly to discounts.
                result[r] = (float)(0.1 + row[13] * listPrice / 100.0);
            }

            return ValueTask.FromResult(result);
        }
    }

    private static ProductFacts Product(string sku, decimal listPrice) =>
        new(sku, "shoes", listPrice, listPrice * 0.2m, 0m, 0.3, 100, 0);

    private static PricingOptions Options() => new() { DiscountGrid = [0, 0.1, 0.2, 0.3], MaxCustomerDiscount = 0.3 };

    private static QuoteInput Input(IReadOnlyList<ProductFacts> products, int offersLeft) => new(
        CustomerFeatureSnapshot.ColdStart(Now), new QuoteContext("web", Now),
        products.Select(product => new QuoteLine(product, $"q-{product.Sku}")).ToList(), offersLeft, Now.AddMinutes(15), new Random(1));

    [Fact]
    public async Task Scores_all_skus_and_levels_in_one_model_call()
    {
        var model = new PriceSensitiveModel();
        var policy = new QuotePolicy(model, Options());

        var decisions = await policy.DecideAsync(Input([Product("A", 100m), Product("B", 300m)], 5));

        Assert.Equal(1, model.Calls);
        Assert.Equal(["A", "B"], decisions.Select(d => d.Sku));
        Assert.All(decisions, d => Assert.Contains(DecisionReasons.NewCustomer, d.Reasons));
    }

    [Fact]
    public async Task Daily_cap_keeps_the_discounts_that_gain_most()
    {
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options());
        ProductFacts[] products = [Product("CHEAP", 50m), Product("PRICEY", 400m), Product("MID", 200m)];

        var uncapped = await policy.DecideAsync(Input(products, 5));
        var capped = await policy.DecideAsync(Input(products, 1));

        Assert.All(uncapped, d => Assert.True(d.Discount > 0, $"{d.Sku} expected a discount without the cap"));
        Assert.Equal(1, capped.Count(d => d.Discount > 0));
        Assert.True(capped.Single(d => d.Sku == "PRICEY").Discount > 0);
        Assert.Contains(DecisionReasons.DailyDiscountCapReached, capped.Single(d => d.Sku == "CHEAP").Reasons);
        Assert.Equal(50m, capped.Single(d => d.Sku == "CHEAP").Price);
    }

    [Fact]
    public async Task No_offers_left_means_list_prices()
    {
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options());

        var decisions = await policy.DecideAsync(Input([Product("A", 400m)], 0));

        Assert.Equal(400m, decisions.Single().Price);
    }
}
