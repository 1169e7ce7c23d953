using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// The campaign decision rule, one multiple-choice-knapsack subproblem per SKU: among the allowed levels pick d maximizing
/// p(d)·[(price(d) − cost) + ν·price(d) − μ_sku] − λ·p(d)·discount_amount(d). With probability ε a uniformly random
/// allowed level is taken instead (exploration); the logged propensity is (1 − ε)·[greedy] + ε / |allowed|.
/// </summary>
public static class LagrangianChooser
{
    private const double Tolerance = 1e-9;

    public static CampaignDecision Choose(
        ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> probabilities, double maxDiscount,
        DualPrices duals, double explorationRate, Random random, decimal affordableDiscount = decimal.MaxValue, int units = 1)
    {
        var allowed = new List<int>();
        var bestIndex = -1;
        var bestValue = double.NegativeInfinity;
        var mu = duals.MuFor(product.Sku);
        for (var i = 0; i < grid.Count; i++)
        {
            var discount = grid[i];
            var price = DiscountOptimizer.PriceAt(product.ListPrice, discount);
            if (DiscountOptimizer.LimitOf(product, discount, price, maxDiscount) != LevelLimit.None
                || (discount > 0 && (product.ListPrice - price) * units > affordableDiscount))
            {
                continue;
            }

            allowed.Add(i);
            var value = Value(probabilities[i], price, product.UnitCost, product.ListPrice - price, duals, mu);
            if (value > bestValue + Tolerance)
            {
                bestValue = value;
                bestIndex = i;
            }
        }

        if (bestIndex < 0)
        {
            throw new ArgumentException("The discount grid must contain 0 (list price).", nameof(grid));
        }

        var explore = explorationRate > 0 && random.NextDouble() < explorationRate;
        var chosen = explore ? allowed[random.Next(allowed.Count)] : bestIndex;
        var propensity = (chosen == bestIndex ? 1 - explorationRate : 0) + explorationRate / allowed.Count;
        var chosenPrice = DiscountOptimizer.PriceAt(product.ListPrice, grid[chosen]);
        return new CampaignDecision(chosen, grid[chosen], chosenPrice, probabilities[chosen],
            Value(probabilities[chosen], chosenPrice, product.UnitCost, product.ListPrice - chosenPrice, duals, mu), propensity, explore);
    }

    public static double Value(double probability, decimal price, decimal unitCost, decimal discountAmount, DualPrices duals, double mu) =>
        probability * ((double)(price - unitCost) + duals.Nu * (double)price - mu) - duals.Lambda * probability * (double)discountAmount;
}
