namespace OrleansPricing.Contracts.Customers;

/// <summary>A customer's features decayed to <see cref="AsOf"/>, and their newest events (newest first), as admins and the API read them.</summary>
[GenerateSerializer, Immutable, Alias("contracts.customer-features-view")]
public sealed record CustomerFeaturesView(
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
    [property: Id(12)] int OffersRedeemed,
    [property: Id(13)] bool IsNewCustomer,
    [property: Id(14)] double SmoothedRedemptionRate,
    [property: Id(15)] decimal DiscountReceived,
    [property: Id(16)] IReadOnlyList<RecentEventView>? RecentEvents = null,
    [property: Id(17)] int DiscountedPurchases = 0,
    [property: Id(18)] int ModelPricedPurchases = 0,
    [property: Id(19)] decimal ModelPricedSpend = 0m,
    [property: Id(20)] decimal? DiscountedSpend = null);
