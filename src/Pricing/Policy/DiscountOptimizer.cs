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
        Span<double> profits = stackalloc double[grid.Count];
        var listIndex = -1;
        for (var i = 0; i < grid.Count; i++)
        {
            var discount = grid[i];
            var price = PriceAt(product.ListPrice, discount);
            profits[i] = double.NegativeInfinity;
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

            profits[i] = ExpectedProfit(product, price, probabilities[i]);
            if (discount == 0)
            {
                listIndex = i;
            }
        }

        if (listIndex < 0)
        {
            throw new ArgumentException("The discount grid must contain 0 (list price).", nameof(grid));
        }

        var (bestIndex, why) = Pick(profits, listIndex, minDiscountGain, depthTolerance);
        var bestProfit = profits[bestIndex];
        var chosen = grid[bestIndex];
        reasons.Insert(0, why switch
        {
            PickReason.BelowMinimumGain => DecisionReasons.DiscountGainBelowMinimum,
            PickReason.WithinDepthTolerance => DecisionReasons.WithinDepthTolerance,
            _ => chosen > 0 ? DecisionReasons.MaximizesExpectedProfit : DecisionReasons.ListPriceMostProfitable,
        });
        return new PriceDecision(
            product.Sku,
            product.ListPrice,
            PriceAt(product.ListPrice, chosen),
            chosen,
            Math.Clamp(probabilities[bestIndex], 0f, 1f),
            bestProfit,
            reasons);
    }

    /// <summary>Why <see cref="Pick"/> chose its level.</summary>
    public enum PickReason
    {
        MostProfitable,
        BelowMinimumGain,
        WithinDepthTolerance,
    }

    /// <summary>
    /// The rule the served policy (<see cref="Choose"/>) and the learning service's judge share: the most profitable level,
    /// ties to the smaller discount (nothing given away for nothing); list price unless that discount beats it by the
    /// minimum gain (<see cref="ClearsMinimumGain"/>); then the shallowest discount within the depth tolerance of its gain
    /// (<see cref="IsNearBest"/>).
    /// </summary>
    /// <param name="profits">Expected profit at each grid level, ascending by discount; negative infinity where the level is not allowed.</param>
    /// <param name="list">The list-price level (discount 0), always allowed.</param>
    public static (int Level, PickReason Reason) Pick(ReadOnlySpan<double> profits, int list, double minDiscountGain, double depthTolerance)
    {
        var (best, bestProfit) = (list, double.NegativeInfinity);
        for (var g = 0; g < profits.Length; g++)
        {
            // Strictly greater, in ascending order: on a tie the smaller discount wins.
            if (profits[g] > bestProfit + Tolerance)
            {
                (best, bestProfit) = (g, profits[g]);
            }
        }

        if (best == list)
        {
            return (list, PickReason.MostProfitable);
        }

        if (!ClearsMinimumGain(bestProfit, profits[list], minDiscountGain))
        {
            return (list, PickReason.BelowMinimumGain);
        }

        for (var g = list + 1; depthTolerance > 0 && g < best; g++)
        {
            if (IsNearBest(profits[g], bestProfit, profits[list], depthTolerance))
            {
                return (g, PickReason.WithinDepthTolerance);
            }
        }

        return (best, PickReason.MostProfitable);
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
        return new PriceDecision(
            product.Sku, product.ListPrice, price, grid[level], Math.Clamp(probabilities[level], 0f, 1f), ExpectedProfit(product, price, probabilities[level]), [reason], propensity);
    }

    /// <summary>The expected profit of quoting <paramref name="product"/> at <paramref name="price"/> to a customer who buys with <paramref name="probability"/> (clamped to [0, 1]).</summary>
    public static double ExpectedProfit(ProductFacts product, decimal price, double probability) =>
        Math.Clamp(probability, 0, 1) * (double)(price - product.UnitCost);

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
