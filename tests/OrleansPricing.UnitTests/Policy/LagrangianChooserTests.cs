using OrleansPricing.Pricing.Policy;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Policy;

public sealed class LagrangianChooserTests
{
    private static readonly double[] Grid = [0, 0.1, 0.2, 0.3];
    private static readonly float[] Probabilities = [0.10f, 0.14f, 0.20f, 0.24f];
    private static readonly ProductFacts Product = new("SKU", "shoes", 100m, 50m, 0m, 0.5, 10, 0);

    [Fact]
    public void Without_duals_it_maximizes_expected_profit()
    {
        // Profits: 0.10·50 = 5.0, 0.14·40 = 5.6, 0.20·30 = 6.0, 0.24·20 = 4.8.
        var decision = LagrangianChooser.Choose(Product, Grid, Probabilities, 1.0, DualPrices.Zero, 0, new Random(1));

        Assert.Equal(0.2, decision.Discount);
        Assert.Equal(6.0, decision.Value, 6);
        Assert.Equal(1.0, decision.Propensity);
    }

    [Fact]
    public void A_budget_price_moves_the_choice_to_smaller_discounts()
    {
        // λ = 0.5: 0.1 → 5.6 − 0.5·0.14·10 = 4.9; 0.2 → 6.0 − 0.5·0.20·20 = 4.0; list price keeps 5.0.
        var decision = LagrangianChooser.Choose(Product, Grid, Probabilities, 1.0, DualPrices.Zero with { Lambda = 0.5 }, 0, new Random(1));

        Assert.Equal(0, decision.Discount);
        Assert.Equal(5.0, decision.Value, 6);
    }

    [Fact]
    public void Revenue_and_inventory_prices_enter_the_value()
    {
        var duals = DualPrices.Zero with { Nu = 0.1, Mu = new Dictionary<string, double> { ["SKU"] = 10 } };

        // d = 0.3: 0.24·[(70 − 50) + 0.1·70 − 10] = 0.24·17 = 4.08.
        Assert.Equal(4.08, LagrangianChooser.Value(0.24, 70m, 50m, 30m, duals, duals.MuFor("SKU")), 9);
    }

    [Fact]
    public void Exploration_logs_the_probability_of_the_level_it_took()
    {
        var explored = Enumerable.Range(0, 2000)
            .Select(seed => LagrangianChooser.Choose(Product, Grid, Probabilities, 1.0, DualPrices.Zero, 0.2, new Random(seed)))
            .ToList();

        Assert.All(explored.Where(d => d.Discount == 0.2), d => Assert.Equal(0.8 + 0.2 / 4, d.Propensity, 12));
        Assert.All(explored.Where(d => d.Discount != 0.2), d => Assert.Equal(0.2 / 4, d.Propensity, 12));
        var greedyShare = explored.Count(d => d.Discount == 0.2) / 2000.0;
        Assert.InRange(greedyShare, 0.82, 0.88);
    }

    [Fact]
    public void Pacing_and_dual_steps()
    {
        var plan = new PacingPlan(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero), 1000m);

        Assert.Equal(250m, plan.PlannedAt(plan.Start.AddDays(2.5)));
        Assert.Equal(1000m, plan.PlannedAt(plan.End.AddDays(1)));
        // 10 over plan on a 1000 budget (e = 0.01) for 0.1% of the window: integral 0.5 + 1000·0.01·0.001 = 0.51,
        // served price 0.51 + 40·0.01 = 0.91.
        var (integral, price) = DualUpdate.Step(0.5, 10, 1000, 0.001);
        Assert.Equal(0.51, integral, 12);
        Assert.Equal(0.91, price, 12);
        // Behind plan the integral falls four times as fast: 0.51 − 4·1000·0.01·0.001 = 0.47, price 0.47 − 0.4 = 0.07.
        var (fallen, fallenPrice) = DualUpdate.Step(0.51, -10, 1000, 0.001);
        Assert.Equal(0.47, fallen, 12);
        Assert.Equal(0.07, fallenPrice, 12);
        // Never below 0; at most MaxDual.
        Assert.Equal((0, 0), DualUpdate.Step(0.1, -100, 1000, 0.01));
        Assert.Equal(DualUpdate.MaxDual, DualUpdate.Step(9.9, 500, 1000, 0.5).Price, 12);
        Assert.Equal(DualUpdate.MaxRevenueDual, DualUpdate.Step(0.9, 500, 1000, 0.5, DualUpdate.MaxRevenueDual).Price, 12);
    }
}
