using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Learning;

/// <summary>The simulated log on a four-level grid, a minute between decisions (so time order is decision order).</summary>
internal static class SyntheticLog
{
    public static readonly double[] Grid = [0, 0.1, 0.2, 0.3];

    public static List<DecisionRecord> Generate(LogisticResponseModel truth, int count, double exploration, int seed) =>
        SimulatedDecisionLog.Generate(truth, Grid, count, exploration, seed, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
}
