using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Writes a synthetic decision log (clearly labelled as such) from a known "true" logistic model: random customers and
/// products, discounts chosen ε-greedily over the grid with their propensities and the policy's distribution logged (each
/// draw flagged as the service flags one), outcomes drawn from the truth.
/// It exercises the training path (the CLI's and the cluster's learning service) end to end, lets tests check that
/// training recovers the truth, and gives the learning benchmark its log.
/// </summary>
public static class DecisionLogSimulator
{
    /// <param name="start">The first decision's time (default 2026-01-01); decisions follow <paramref name="spacing"/> apart (default 7 minutes).</param>
    public static IReadOnlyList<DecisionRecord> Simulate(
        LogisticResponseModel truth, int count, double exploration, int seed, IReadOnlyList<double> grid,
        DateTimeOffset? start = null, TimeSpan? spacing = null)
    {
        var random = new Random(seed);
        var first = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = spacing ?? TimeSpan.FromMinutes(7);
        var channels = QuoteContext.KnownChannels;
        var records = new List<DecisionRecord>(count);
        var row = new float[FeatureDefinition.Count];
        for (var i = 0; i < count; i++)
        {
            var at = first + step * i;
            var purchases = random.NextDouble() < 0.3 ? 0 : 1 + (int)(random.NextDouble() * random.NextDouble() * 12);
            var spend = purchases * (decimal)Math.Round(20 + random.NextDouble() * 120, 2);
            var category = $"category-{random.Next(6)}";
            var customer = new CustomerFeatureSnapshot(
                at, purchases == 0 ? null : random.NextDouble() * 200, random.NextDouble() * 30,
                purchases * (0.3 + random.NextDouble() * 0.7), (double)spend * (0.3 + random.NextDouble() * 0.7),
                random.NextDouble() * 8, random.NextDouble() < 0.4 ? random.NextDouble() * 3 : 0,
                purchases, spend, purchases == 0 ? 0 : spend / purchases,
                new Dictionary<string, double>(StringComparer.Ordinal) { [category] = random.NextDouble() },
                random.Next(10), 0);
            var redeemed = random.Next(customer.OffersSeen + 1);
            customer = customer with { OffersRedeemed = redeemed, DiscountedPurchases = Math.Min(redeemed, purchases) };
            var listPrice = (decimal)Math.Round(5 + random.NextDouble() * 195, 2);
            var product = new ProductFacts($"SKU-{random.Next(500):D3}", category, listPrice, Math.Round(listPrice * 0.4m, 2),
                Math.Round(listPrice * 0.6m, 2), 0.3, 100, random.NextDouble() * 5);
            var context = new QuoteContext(channels[random.Next(channels.Count)], at);

            var probabilities = grid.Select(discount =>
            {
                FeatureDefinition.Write(row, customer, product, context, discount);
                return (float)truth.Predict(row);
            }).ToArray();
            var best = DiscountOptimizer.Choose(product, grid, probabilities, 1.0);
            var greedy = Array.IndexOf(grid.ToArray(), best.Discount);
            var explored = random.NextDouble() < exploration;
            var chosen = explored ? random.Next(grid.Count) : greedy;
            var propensity = (chosen == greedy ? 1 - exploration : 0) + exploration / grid.Count;
            // A draw is flagged as the service flags one (QuotePolicy): what it gave up by the model's estimate, and the level it replaced.
            records.Add(new DecisionRecord($"sim-{i}", at, $"sim-customer-{i}", context, product, customer, grid[chosen], propensity,
                "synthetic:" + truth.Info.ModelId, random.NextDouble() < probabilities[chosen])
            {
                ExplorationCost = explored
                    ? best.ExpectedProfit - DiscountOptimizer.AtLevel(product, grid, probabilities, chosen, propensity, DecisionReasons.Exploration).ExpectedProfit
                    : null,
                ExploredFrom = explored ? best.Discount : null,
                Policy = exploration > 0 ? [.. grid.Select((discount, g) => (discount, (g == greedy ? 1 - exploration : 0) + (exploration / grid.Count)))] : null,
            });
        }

        return records;
    }
}
