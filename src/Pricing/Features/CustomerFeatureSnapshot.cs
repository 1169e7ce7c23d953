namespace OrleansPricing.Pricing.Features;

/// <summary>A customer's features decayed to one instant: what the feature definition and the segmenter read.</summary>
[GenerateSerializer, Immutable, Alias("pricing.customer-feature-snapshot")]
public sealed record CustomerFeatureSnapshot(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] double? DaysSinceLastPurchase,
    [property: Id(2)] double? DaysSinceLastEvent,
    [property: Id(3)] double DecayedPurchases,
    [property: Id(4)] double DecayedSpend,
    [property: Id(5)] double DecayedViews,
    [property: Id(6)] double DecayedCartAdds,
    [property: Id(7)] int LifetimePurchases,
    [property: Id(8)] decimal LifetimeSpend,
    [property: Id(9)] decimal AverageOrderValue,
    [property: Id(10)] IReadOnlyDictionary<string, double> CategoryAffinity,
    [property: Id(11)] int OffersSeen,
    [property: Id(12)] int OffersRedeemed)
{
    /// <summary>A customer never seen before: the cold-start picture.</summary>
    public static CustomerFeatureSnapshot ColdStart(DateTimeOffset now) =>
        new CustomerFeatures().Snapshot(now, new FeatureHalfLives());

    public bool IsNewCustomer => LifetimePurchases == 0;

    /// <summary>Laplace-smoothed share of discounted offers the customer took: 0.5 with no history.</summary>
    public double SmoothedRedemptionRate => (OffersRedeemed + 1.0) / (OffersSeen + 2.0);

    public double AffinityFor(string category) => CategoryAffinity.TryGetValue(category, out var share) ? share : 0;
}
