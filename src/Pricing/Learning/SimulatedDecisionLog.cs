using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A seeded decision log whose outcomes come from a known response model — random customers and products, the model's
/// greedy policy with uniform exploration over the grid, exact propensities — for trying and measuring the learning
/// path. Clearly synthetic: the cluster never writes it.
/// </summary>
public static class SimulatedDecisionLog
{
    public static List<DecisionRecord> Generate(
        IResponseModel truth, IReadOnlyList<double> grid, int count, double exploration, int seed, DateTimeOffset start, TimeSpan spacing)
    {
        var random = new Random(seed);
        var records = new List<DecisionRecord>(count);
        var rows = new FeatureMatrix(grid.Count);
        for (var i = 0; i < count; i++)
        {
            var at = start + spacing * i;
            var purchases = random.Next(6);
            var customer = new CustomerFeatureSnapshot(
                at, purchases == 0 ? null : random.Next(1, 200), random.Next(0, 60), purchases * random.NextDouble(), 40 * purchases * random.NextDouble(),
                random.Next(0, 12), random.Next(0, 4), purchases, 40m * purchases, purchases == 0 ? 0 : 40m,
                new Dictionary<string, double> { ["shoes"] = random.NextDouble() }, random.Next(0, 6), 0);
            var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 150m, 2);
            var product = new ProductFacts($"SKU-{random.Next(30)}", "shoes", listPrice, Math.Round(listPrice * 0.4m, 2), 0m, 0.3, 100, 1);
            var context = new QuoteContext(QuoteContext.Web, at);
            for (var g = 0; g < grid.Count; g++)
            {
                FeatureDefinition.Write(rows.Row(g), customer, product, context, grid[g]);
            }

            var probabilities = truth.PredictAsync(rows).AsTask().GetAwaiter().GetResult();
            var best = Enumerable.Range(0, grid.Count)
                .MaxBy(g => probabilities[g] * (double)(DiscountOptimizer.PriceAt(listPrice, grid[g]) - product.UnitCost));
            var explore = random.NextDouble() < exploration;
            var level = explore ? random.Next(grid.Count) : best;
            var propensity = (level == best ? 1 - exploration : 0) + exploration / grid.Count;
            var bought = random.NextDouble() < probabilities[level];
            records.Add(new DecisionRecord($"d-{i:D7}", at, $"c-{i % 500}", context, product, customer, grid[level], propensity, "simulated", bought));
        }

        return records;
    }
}
