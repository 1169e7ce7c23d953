using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Policy;

public sealed class DiscountOptimizerTests
{
    private static readonly double[] Grid = [0, 0.1, 0.2, 0.3];

    private static ProductFacts Product(decimal floor = 0m, double maxDiscount = 0.5) =>
        new("SKU", "shoes", 100m, 50m, floor, maxDiscount, 10, 0);

    [Fact]
    public void Picks_the_level_with_the_highest_expected_profit()
    {
        // Profits: 0.10*50=5.0, 0.14*40=5.6, 0.20*30=6.0, 0.24*20=4.8
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0);

        Assert.Equal(0.2, decision.Discount);
        Assert.Equal(80m, decision.Price);
        Assert.Equal(6.0, decision.ExpectedProfit, 6);
        Assert.Equal(DecisionReasons.MaximizesExpectedProfit, decision.Reasons[0]);
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(0.1, 0.2)]
    [InlineData(0.2, 0.2)] // 6.0 beats 5.0 by exactly a fifth: enough
    [InlineData(0.25, 0.0)]
    public void A_discount_must_beat_list_price_by_the_minimum_gain(double minDiscountGain, double expected)
    {
        // Profits: list 0.10*50=5.0; the best discount 0.20*30=6.0, a fifth more.
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0, minDiscountGain);

        Assert.Equal(expected, decision.Discount);
        Assert.Equal(expected > 0 ? 6.0 : 5.0, decision.ExpectedProfit, 6);
        Assert.Equal(expected > 0 ? DecisionReasons.MaximizesExpectedProfit : DecisionReasons.DiscountGainBelowMinimum, decision.Reasons[0]);
    }

    [Theory]
    [InlineData(0.0, 0.2, 6.0)]
    [InlineData(0.3, 0.2, 6.0)] // 10% off gives up 0.4 of the best discount's gain of 1.0: too much
    [InlineData(0.45, 0.1, 5.6)] // within the share allowed
    [InlineData(0.9, 0.1, 5.6)] // list price is never the shallower level
    public void The_shallowest_discount_within_the_depth_tolerance_of_the_best_gain_is_quoted(double depthTolerance, double expected, double expectedProfit)
    {
        // Profits: list 5.0; 10% off 5.6, 20% off 6.0 (the best, a gain of 1.0), 30% off 4.8.
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0, depthTolerance: depthTolerance);

        Assert.Equal(expected, decision.Discount);
        Assert.Equal(expectedProfit, decision.ExpectedProfit, 6);
        Assert.Equal(expected < 0.2 ? DecisionReasons.WithinDepthTolerance : DecisionReasons.MaximizesExpectedProfit, decision.Reasons[0]);
    }

    [Fact]
    public void The_depth_tolerance_moves_nothing_below_the_minimum_gain()
    {
        // The best discount (6.0) does not beat list price (5.0) by 25%: list price, whatever the tolerance.
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0, minDiscountGain: 0.25, depthTolerance: 0.5);

        Assert.Equal(0.0, decision.Discount);
        Assert.Equal(DecisionReasons.DiscountGainBelowMinimum, decision.Reasons[0]);
    }

    [Fact]
    public void Never_prices_below_the_floor()
    {
        var decision = DiscountOptimizer.Choose(Product(floor: 85m), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0);

        Assert.Equal(0.1, decision.Discount);
        Assert.Equal(90m, decision.Price);
        Assert.Contains(DecisionReasons.FloorPriceLimitsDiscount, decision.Reasons);
    }

    [Fact]
    public void Respects_the_product_maximum_discount()
    {
        var decision = DiscountOptimizer.Choose(Product(maxDiscount: 0.1), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 1.0);

        Assert.Equal(0.1, decision.Discount);
        Assert.Contains(DecisionReasons.MaxDiscountLimitsDiscount, decision.Reasons);
    }

    [Fact]
    public void Respects_the_customer_maximum_discount()
    {
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.14f, 0.20f, 0.24f], 0.0);

        Assert.Equal(0, decision.Discount);
        Assert.Equal(100m, decision.Price);
        Assert.Equal(DecisionReasons.ListPriceMostProfitable, decision.Reasons[0]);
    }

    [Fact]
    public void Tie_goes_to_the_smaller_discount()
    {
        // 0.10*50 = 0.125*40 = 5.0
        var decision = DiscountOptimizer.Choose(Product(), Grid, [0.10f, 0.125f, 0.1f, 0.1f], 1.0);

        Assert.Equal(0, decision.Discount);
    }

    [Fact]
    public void Prices_are_rounded_to_cents()
    {
        Assert.Equal(16.99m, DiscountOptimizer.PriceAt(19.99m, 0.15));
        Assert.Equal(8.75m, DiscountOptimizer.PriceAt(12.50m, 0.30));
    }

    [Fact]
    public void Grid_without_list_price_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            DiscountOptimizer.Choose(Product(floor: 100m), [0.1, 0.2], [0.5f, 0.6f], 1.0));
    }
}
