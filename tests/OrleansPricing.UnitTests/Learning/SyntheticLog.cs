using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Learning;

/// <summary>The simulated log on a four-level grid (time order is decision order).</summary>
internal static class SyntheticLog
{
    public static readonly double[] Grid = [0, 0.1, 0.2, 0.3];

    public static List<DecisionRecord> Generate(LogisticResponseModel truth, int count, double exploration, int seed) =>
        [.. DecisionLogSimulator.Simulate(truth, count, exploration, seed, Grid)];
}
