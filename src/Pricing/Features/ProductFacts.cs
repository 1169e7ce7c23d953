namespace OrleansPricing.Pricing.Features;

/// <summary>What pricing needs to know about one product at quote time.</summary>
public sealed record ProductFacts(
    string Sku,
    string Category,
    decimal ListPrice,
    decimal UnitCost,
    decimal FloorPrice,
    double MaxDiscount,
    int Available,
    double DemandPerDay);
