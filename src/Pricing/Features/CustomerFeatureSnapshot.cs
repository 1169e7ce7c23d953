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
    int OffersRedeemed)
{
    /// <summary>A customer never seen before: the cold-start picture.</summary>
    public static CustomerFeatureSnapshot ColdStart(DateTimeOffset now) =>
        new CustomerFeatures().Snapshot(now, new FeatureHalfLives());

    public bool IsNewCustomer => LifetimePurchases == 0;

    /// <summary>Laplace-smoothed share of discounted offers the customer took: 0.5 with no history.</summary>
    public double SmoothedRedemptionRate => (OffersRedeemed + 1.0) / (OffersSeen + 2.0);

    public double AffinityFor(string category) => CategoryAffinity.TryGetValue(category, out var share) ? share : 0;
}
