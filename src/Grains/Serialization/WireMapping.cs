using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Segmentation;

namespace OrleansPricing.Grains.Serialization;

/// <summary>
/// Between the wire types of <c>Contracts</c> (what grains and the gateway exchange) and the pricing types the policy
/// computes with. Kept in one place so the two can evolve apart: a wire field is renamed here, not in the policy.
/// </summary>
public static class WireMapping
{
    public static ProductFacts ToPricing(this ProductPricingFacts facts) => new(
        facts.Sku, facts.Category, facts.ListPrice, facts.UnitCost, facts.FloorPrice, facts.MaxDiscount, facts.Available, facts.DemandPerDay);

    public static DualPrices ToPricing(this CampaignDuals duals) => new(duals.Lambda, duals.Nu, duals.Mu, duals.Version);

    public static LeaseDraw ToPricing(this CampaignDraw draw) => new(draw.Holder, draw.QuoteId, draw.Amount);

    public static CustomerEventType ToPricing(this CustomerEventKind kind) => kind switch
    {
        CustomerEventKind.View => CustomerEventType.View,
        CustomerEventKind.Cart => CustomerEventType.Cart,
        CustomerEventKind.Purchase => CustomerEventType.Purchase,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown customer event kind."),
    };

    public static CustomerEventKind ToWire(this CustomerEventType type) => type switch
    {
        CustomerEventType.View => CustomerEventKind.View,
        CustomerEventType.Cart => CustomerEventKind.Cart,
        CustomerEventType.Purchase => CustomerEventKind.Purchase,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown customer event type."),
    };

    public static CustomerSegmentView ToView(this CustomerSegment segment) => new(segment.Id, segment.Name);

    public static CustomerFeaturesView ToView(this CustomerFeatureSnapshot snapshot) => new(
        snapshot.AsOf, snapshot.DaysSinceLastPurchase, snapshot.DaysSinceLastEvent, snapshot.DecayedPurchases,
        snapshot.DecayedSpend, snapshot.DecayedViews, snapshot.DecayedCartAdds, snapshot.LifetimePurchases,
        snapshot.LifetimeSpend, snapshot.AverageOrderValue, snapshot.CategoryAffinity, snapshot.OffersSeen,
        snapshot.OffersRedeemed, snapshot.IsNewCustomer, snapshot.SmoothedRedemptionRate, snapshot.DiscountReceived,
        [.. snapshot.Events.Select(e => new RecentEventView(e.At, e.Type.ToWire(), e.Category, e.Amount, e.DiscountAmount))],
        snapshot.DiscountedPurchases, snapshot.ModelPricedPurchases, snapshot.ModelPricedSpend, snapshot.DiscountedSpend);

    /// <summary>The view back as the policy's input (simulations score a customer as the cluster saw them).</summary>
    public static CustomerFeatureSnapshot ToPricing(this CustomerFeaturesView view) => new(
        view.AsOf, view.DaysSinceLastPurchase, view.DaysSinceLastEvent, view.DecayedPurchases, view.DecayedSpend,
        view.DecayedViews, view.DecayedCartAdds, view.LifetimePurchases, view.LifetimeSpend, view.AverageOrderValue,
        view.CategoryAffinity, view.OffersSeen, view.OffersRedeemed, view.DiscountReceived,
        [.. (view.RecentEvents ?? []).Select(e => new RecentEvent(e.At, e.Type.ToPricing(), e.Category, e.Amount, e.DiscountAmount))],
        view.DiscountedPurchases, view.ModelPricedPurchases, view.ModelPricedSpend, view.DiscountedSpend);
}
