using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Serialization;

/// <summary>The Orleans form of <see cref="CustomerFeatures"/> (see <see cref="DecayedCounterSurrogate"/>).</summary>
[GenerateSerializer, Alias("grains.customer-features")]
public struct CustomerFeaturesSurrogate
{
    [Id(0)] public DateTimeOffset? FirstSeenAt { get; set; }
    [Id(1)] public DateTimeOffset? LastEventAt { get; set; }
    [Id(2)] public DateTimeOffset? LastPurchaseAt { get; set; }
    [Id(3)] public int LifetimePurchases { get; set; }
    [Id(4)] public decimal LifetimeSpend { get; set; }
    [Id(5)] public DecayedCounter Views { get; set; }
    [Id(6)] public DecayedCounter CartAdds { get; set; }
    [Id(7)] public DecayedCounter Purchases { get; set; }
    [Id(8)] public DecayedCounter Spend { get; set; }
    [Id(9)] public Dictionary<string, DecayedCounter> CategoryInterest { get; set; }
    [Id(10)] public int OffersSeen { get; set; }
    [Id(11)] public int OffersRedeemed { get; set; }
    [Id(12)] public decimal DiscountReceived { get; set; }
    [Id(13)] public List<RecentEvent>? RecentEvents { get; set; }

    /// <summary>Null in a state written before it was kept apart from <see cref="OffersRedeemed"/> (see <see cref="CustomerFeatures.DiscountedPurchases"/>).</summary>
    [Id(14)] public int? DiscountedPurchases { get; set; }

    /// <summary>0 in a state written before 2026-12-03 (see <see cref="CustomerFeatures.ModelPricedPurchases"/>).</summary>
    [Id(15)] public int ModelPricedPurchases { get; set; }

    [Id(16)] public decimal ModelPricedSpend { get; set; }

    /// <summary>Null where it was not kept (see <see cref="CustomerFeatures.DiscountedSpend"/>).</summary>
    [Id(17)] public decimal? DiscountedSpend { get; set; }
}

[RegisterConverter]
public sealed class CustomerFeaturesConverter : IConverter<CustomerFeatures, CustomerFeaturesSurrogate>
{
    public CustomerFeatures ConvertFromSurrogate(in CustomerFeaturesSurrogate surrogate) => new()
    {
        FirstSeenAt = surrogate.FirstSeenAt,
        LastEventAt = surrogate.LastEventAt,
        LastPurchaseAt = surrogate.LastPurchaseAt,
        LifetimePurchases = surrogate.LifetimePurchases,
        LifetimeSpend = surrogate.LifetimeSpend,
        Views = surrogate.Views,
        CartAdds = surrogate.CartAdds,
        Purchases = surrogate.Purchases,
        Spend = surrogate.Spend,
        CategoryInterest = new Dictionary<string, DecayedCounter>(surrogate.CategoryInterest ?? [], StringComparer.Ordinal),
        OffersSeen = surrogate.OffersSeen,
        OffersRedeemed = surrogate.OffersRedeemed,
        DiscountedPurchases = surrogate.DiscountedPurchases,
        ModelPricedPurchases = surrogate.ModelPricedPurchases,
        ModelPricedSpend = surrogate.ModelPricedSpend,
        DiscountedSpend = surrogate.DiscountedSpend,
        DiscountReceived = surrogate.DiscountReceived,
        RecentEvents = [.. surrogate.RecentEvents ?? []],
    };

    public CustomerFeaturesSurrogate ConvertToSurrogate(in CustomerFeatures value) => new()
    {
        FirstSeenAt = value.FirstSeenAt,
        LastEventAt = value.LastEventAt,
        LastPurchaseAt = value.LastPurchaseAt,
        LifetimePurchases = value.LifetimePurchases,
        LifetimeSpend = value.LifetimeSpend,
        Views = value.Views,
        CartAdds = value.CartAdds,
        Purchases = value.Purchases,
        Spend = value.Spend,
        CategoryInterest = new Dictionary<string, DecayedCounter>(value.CategoryInterest, StringComparer.Ordinal),
        OffersSeen = value.OffersSeen,
        OffersRedeemed = value.OffersRedeemed,
        DiscountedPurchases = value.DiscountedPurchases,
        ModelPricedPurchases = value.ModelPricedPurchases,
        ModelPricedSpend = value.ModelPricedSpend,
        DiscountedSpend = value.DiscountedSpend,
        DiscountReceived = value.DiscountReceived,
        RecentEvents = [.. value.RecentEvents],
    };
}
