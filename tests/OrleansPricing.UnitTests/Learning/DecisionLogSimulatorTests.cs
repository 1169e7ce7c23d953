using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Learning;

public sealed class DecisionLogSimulatorTests
{
    private static readonly LogisticResponseModel Prior =
        LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));

    [Fact]
    public void Exploration_draws_are_flagged_as_the_service_flags_them_with_what_the_model_gave_up()
    {
        var log = SyntheticLog.Generate(Prior, 4_000, exploration: 0.3, seed: 11);
        var draws = log.Where(d => d.ExploredFrom is not null).ToList();

        // 30% of 4,000 expected, binomial s.d. 29; seeded, so fixed.
        Assert.InRange(draws.Count, 1_100, 1_300);
        Assert.All(log.Where(d => d.ExploredFrom is null), d => Assert.Null(d.ExplorationCost));
        foreach (var draw in draws)
        {
            // The level replaced is the greedy one: no draw gives up less than nothing, and a draw at it gives up 0.
            var features = new float[Pricing.Features.FeatureDefinition.Count];
            double Profit(double discount)
            {
                (draw with { Discount = discount }).WriteFeatures(features);
                return Prior.Predict(features) * HeldOutDecisions.Margin(draw, discount);
            }

            Assert.Equal(Profit(draw.ExploredFrom!.Value) - Profit(draw.Discount), draw.ExplorationCost!.Value, tolerance: 1e-4); // the simulator keeps the probabilities as floats
            Assert.True(draw.ExplorationCost >= -1e-9, $"{draw.DecisionId} gave up {draw.ExplorationCost}");
        }

        Assert.Equal(draws.Count(d => d.Discount == d.ExploredFrom), draws.Count(d => d.ExplorationCost == 0));
        var summary = ExplorationSummary.Of(log);
        Assert.Equal((4_000, draws.Count), (summary.Decisions, summary.Explored));
        Assert.Equal(draws.Sum(d => d.ExplorationCost!.Value), summary.EstimatedCost, 9);
    }
}
