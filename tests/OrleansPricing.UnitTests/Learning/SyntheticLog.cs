using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Learning;

/// <summary>
/// A seeded decision log whose outcomes come from a known response model: random customers and products, a greedy
/// policy under that model with uniform exploration over the allowed levels, propensities exact.
/// </summary>
internal static class SyntheticLog
{
    public static readonly double[] Grid = [0, 0.1, 0.2, 0.3];

    public static List<DecisionRecord> Generate(LogisticResponseModel truth, int count, double exploration, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var records = new List<DecisionRecord>(count);
        var row = new float[FeatureDefinition.Count];
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(i);
            var purchases = random.Next(6);
            var customer = new CustomerFeatureSnapshot(
                at, purchases == 0 ? null : random.Next(1, 200), random.Next(0, 60), purchases * random.NextDouble(), 40 * purchases * random.NextDouble(),
                random.Next(0, 12), random.Next(0, 4), purchases, 40m * purchases, purchases == 0 ? 0 : 40m,
                new Dictionary<string, double> { ["shoes"] = random.NextDouble() }, random.Next(0, 6), 0);
            var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 150m, 2);
            var product = new ProductFacts($"SKU-{random.Next(30)}", "shoes", listPrice, Math.Round(listPrice * 0.4m, 2), 0m, 0.3, 100, 1);
            var context = new QuoteContext(QuoteContext.Web, at);

            var probabilities = Grid.Select(d =>
            {
                FeatureDefinition.Write(row, customer, product, context, d);
                return truth.Predict(row);
            }).ToArray();
            var best = Enumerable.Range(0, Grid.Length)
                .MaxBy(g => probabilities[g] * (double)(DiscountOptimizer.PriceAt(listPrice, Grid[g]) - product.UnitCost));
            var explore = random.NextDouble() < exploration;
            var level = explore ? random.Next(Grid.Length) : best;
            var propensity = (level == best ? 1 - exploration : 0) + exploration / Grid.Length;
            var bought = random.NextDouble() < probabilities[level];
            records.Add(new DecisionRecord($"d-{i:D6}", at, $"c-{i % 500}", context, product, customer, Grid[level], propensity, "truth", bought));
        }

        return records;
    }
}
