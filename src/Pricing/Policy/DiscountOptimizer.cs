using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// Picks, for one SKU, the discount level that maximizes expected profit p(d) · (price(d) − unit cost), among the levels
/// that keep the price at or above the floor and the discount within the product's and the customer's maximum.
/// </summary>
public static class DiscountOptimizer
{
    private const double Tolerance = 1e-9;

    /// <summary>Price after discount, rounded to cents (half away from zero).</summary>
    public static decimal PriceAt(decimal listPrice, double discount) =>
        Math.Round(listPrice * (1m - (decimal)discount), 2, MidpointRounding.AwayFromZero);

    /// <param name="grid">Discount levels, ascending, containing 0.</param>
    /// <param name="probabilities">Purchase probability at each grid level.</param>
    /// <param name="maxCustomerDiscount">The largest discount this customer may get now (0 when their cap is spent).</param>
    /// <param name="minDiscountGain">The share by which a discount's expected profit must beat list price's (<see cref="ClearsMinimumGain"/>).</param>
    public static PriceDecision Choose(
        ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> probabilities, double maxCustomerDiscount, double minDiscountGain = 0, double depthTolerance = 0)
    {
        if (probabilities.Length != grid.Count)
        {
            throw new ArgumentException($"Expected {grid.Count} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        var reasons = new List<string>();
        var bestIndex = -1;
        var bestProfit = double.NegativeInfinity;
        var (listIndex, listProfit) = (-1, 0.0);
        for (var i = 0; i < grid.Count; i++)
        {
            var discount = grid[i];
            var price = PriceAt(product.ListPrice, discount);
            switch (LimitOf(product, discount, price, maxCustomerDiscount))
            {
                case LevelLimit.ProductMaximum:
                    AddOnce(reasons, DecisionReasons.MaxDiscountLimitsDiscount);
                    continue;
                case LevelLimit.FloorPrice:
                    AddOnce(reasons, DecisionReasons.FloorPriceLimitsDiscount);
                    continue;
                case LevelLimit.OfferMaximum:
                    continue;
            }

            var probability = Math.Clamp(probabilities[i], 0f, 1f);
            var profit = probability * (double)(price - product.UnitCost);
            if (discount == 0)
            {
                (listIndex, listProfit) = (i, profit);
            }

            // Strictly greater: on a tie the smaller discount wins, giving away nothing for nothing.
            if (profit > bestProfit + Tolerance)
            {
                bestProfit = profit;
                bestIndex = i;
            }
        }

        if (bestIndex < 0 || listIndex < 0)
        {
            throw new ArgumentException("The discount grid must contain 0 (list price).", nameof(grid));
        }

        var belowMinimum = bestIndex != listIndex && !ClearsMinimumGain(bestProfit, listProfit, minDiscountGain);
        if (belowMinimum)
        {
            (bestIndex, bestProfit) = (listIndex, listProfit);
        }

        var shallower = false;
        if (!belowMinimum && bestIndex != listIndex && depthTolerance > 0)
        {
            // Levels are ascending and a shallower one is never limited where a deeper one is not.
            for (var i = listIndex + 1; i < bestIndex; i++)
            {
                var profit = Math.Clamp(probabilities[i], 0f, 1f) * (double)(PriceAt(product.ListPrice, grid[i]) - product.UnitCost);
                if (IsNearBest(profit, bestProfit, listProfit, depthTolerance))
                {
                    (bestIndex, bestProfit, shallower) = (i, profit, true);
                    break;
                }
            }
        }

        var chosen = grid[bestIndex];
        reasons.Insert(0, belowMinimum ? DecisionReasons.DiscountGainBelowMinimum
            : shallower ? DecisionReasons.WithinDepthTolerance
            : chosen > 0 ? DecisionReasons.MaximizesExpectedProfit : DecisionReasons.ListPriceMostProfitable);
        return new PriceDecision(
            product.Sku,
            product.ListPrice,
            PriceAt(product.ListPrice, chosen),
            chosen,
            Math.Clamp(probabilities[bestIndex], 0f, 1f),
            bestProfit,
            reasons);
    }

    /// <summary>
    /// Whether the most profitable discount is worth quoting over list price: its expected profit must beat list price's by
    /// <paramref name="minDiscountGain"/> of it (<c>Pricing:MinDiscountGain</c>, 0 by default). Why a margin: the
    /// response model's gain is an estimate, and where it is small — customers a discount barely moves — its errors
    /// decide, and every such discount is spent on sales made anyway. Served quotes and the learning service's judging of
    /// candidates apply the same rule (docs/learning.md for what it did on the shop simulation).
    /// </summary>
    public static bool ClearsMinimumGain(double discountProfit, double listProfit, double minDiscountGain) =>
        discountProfit >= listProfit + (minDiscountGain * Math.Max(listProfit, 0));

    /// <summary>
    /// Whether a discount shallower than the most profitable one gives up no more than <paramref name="depthTolerance"/> of
    /// the most profitable one's estimated gain over list price (<c>Pricing:DepthTolerance</c>). Why a shop may want it: near
    /// its best a profit curve is flat, so there the model's errors choose the depth, and each step deeper is spent on
    /// sales the shallower level would have made too.
    /// </summary>
    public static bool IsNearBest(double profit, double bestProfit, double listProfit, double depthTolerance) =>
        profit >= bestProfit - (depthTolerance * Math.Max(bestProfit - listProfit, 0)) - Tolerance;

    /// <summary>
    /// The rule every pricing path applies to a level: list price is always allowed; a discount must stay within the
    /// product's maximum, keep the price at or above the floor, and stay within the offer's maximum (the customer's, or
    /// the campaign's).
    /// </summary>
    public static LevelLimit LimitOf(ProductFacts product, double discount, decimal price, double maxDiscount) =>
        discount <= 0 ? LevelLimit.None
        : discount > product.MaxDiscount + Tolerance ? LevelLimit.ProductMaximum
        : price < product.FloorPrice ? LevelLimit.FloorPrice
        : discount > maxDiscount + Tolerance ? LevelLimit.OfferMaximum
        : LevelLimit.None;

    /// <summary>The SKU priced at one grid level, chosen for a reason other than profit (exploration).</summary>
    public static PriceDecision AtLevel(
        ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> probabilities, int level, double propensity, string reason)
    {
        var price = PriceAt(product.ListPrice, grid[level]);
        var probability = Math.Clamp(probabilities[level], 0f, 1f);
        return new PriceDecision(
            product.Sku, product.ListPrice, price, grid[level], probability, probability * (double)(price - product.UnitCost), [reason], propensity);
    }

    /// <summary>The same SKU priced at list: used when a customer's discounted offers for the day are spent.</summary>
    public static PriceDecision AtListPrice(ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> probabilities, string reason)
    {
        var decision = Choose(product, grid, probabilities, maxCustomerDiscount: 0);
        return decision with { Reasons = [.. decision.Reasons, reason] };
    }

    private static void AddOnce(List<string> reasons, string reason)
    {
        if (!reasons.Contains(reason))
        {
            reasons.Add(reason);
        }
    }
}
