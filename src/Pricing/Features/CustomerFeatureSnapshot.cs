namespace OrleansPricing.Pricing.Features;

/// <summary>A customer's features decayed to one instant: what the feature definition and the segmenter read.</summary>
public sealed record CustomerFeatureSnapshot(
    DateTimeOffset AsOf,
    double? DaysSinceLastPurchase,
    double? DaysSinceLastEvent,
    double DecayedPurchases,
    double DecayedSpend,
    double DecayedViews,
    double DecayedCartAdds,
    int LifetimePurchases,
    decimal LifetimeSpend,
    decimal AverageOrderValue,
    IReadOnlyDictionary<string, double> CategoryAffinity,
    int OffersSeen,
    int OffersRedeemed,
    decimal DiscountReceived = 0m,
    IReadOnlyList<RecentEvent>? RecentEvents = null,
    int DiscountedPurchases = 0,
    int ModelPricedPurchases = 0,
    decimal ModelPricedSpend = 0m,
    decimal? DiscountedSpend = null)
{
    /// <summary>The newest events, newest first (none recorded: empty).</summary>
    public IReadOnlyList<RecentEvent> Events => RecentEvents ?? [];

    /// <summary>A customer never seen before: the cold-start picture.</summary>
    public static CustomerFeatureSnapshot ColdStart(DateTimeOffset now) =>
        new CustomerFeatures().Snapshot(now, new FeatureHalfLives());

    public bool IsNewCustomer => LifetimePurchases == 0;

    /// <summary>Laplace-smoothed share of the cluster's discounted offers the customer took: 0.5 with none shown.</summary>
    public double SmoothedRedemptionRate => (OffersRedeemed + 1.0) / (OffersSeen + 2.0);

    /// <summary>Of the customer's purchases no model's discount won, the share made with a discount (0 with none).</summary>
    public double DiscountedPurchaseShare => OwnPurchases > 0 ? Math.Clamp((double)DiscountedPurchases / OwnPurchases, 0, 1) : 0;

    /// <summary>
    /// How deep a discount the customer took per purchase where no model set the price: the
    /// <see cref="DiscountedPurchaseShare"/> times the depth of those discounted purchases, their discount received against
    /// their list value (so the depth over the share, <see cref="FeatureDefinition.UsualDepth"/>, is the depth they took).
    /// Why not the discount received against the list value of all those purchases, as until 2026-12-05: a catalog of
    /// spread prices bent it (docs/features.md; the two agree where every purchase has one list value). Without
    /// <see cref="DiscountedSpend"/> (a state or log written before it was kept) it reads as it was written.
    /// </summary>
    public double MeanDiscountDepth => DiscountedSpend is { } paid
        ? paid + DiscountReceived > 0 ? DiscountedPurchaseShare * (double)(DiscountReceived / (paid + DiscountReceived)) : 0
        : OwnSpend + DiscountReceived > 0 ? (double)(DiscountReceived / (OwnSpend + DiscountReceived)) : 0;

    /// <summary>
    /// The decayed purchases counted at the share of the lifetime purchases no model's discount won: how often the
    /// customer buys where no model set a discount (the <c>frequency</c> column). Why: counted in, the orders on a model's
    /// own discounts made the customers those discounts move look like frequent buyers, and the segments read from
    /// behaviour pooled them with the customers who buy often at list price (docs/learning.md, "Purchases the models'
    /// discounts made, left out of the frequency"). A customer without model-priced purchases (every state or log
    /// written before 2026-12-03) reads <see cref="DecayedPurchases"/> itself.
    /// </summary>
    public double OwnDecayedPurchases => LifetimePurchases > 0 && ModelPricedPurchases > 0
        ? DecayedPurchases * Math.Clamp((double)OwnPurchases / LifetimePurchases, 0, 1)
        : DecayedPurchases;

    /// <summary>Purchases no model's discount won: the shop's own, those on exploration draws and those on quotes at list price.</summary>
    private int OwnPurchases => LifetimePurchases - ModelPricedPurchases;

    /// <summary>What the <see cref="OwnPurchases"/> cost.</summary>
    private decimal OwnSpend => LifetimeSpend - ModelPricedSpend;

    /// <summary>Cart adds not followed by purchases, decayed, as a share of cart adds (0 with none).</summary>
    public double CartAbandonment => Math.Max(0, DecayedCartAdds - DecayedPurchases) / (1 + DecayedCartAdds);

    public double AffinityFor(string category) => CategoryAffinity.TryGetValue(category, out var share) ? share : 0;
}
