namespace OrleansPricing.Contracts.Products;

/// <summary>What pricing needs to know about one product at quote time, as the product grain reports it.</summary>
[GenerateSerializer, Immutable, Alias("contracts.product-pricing-facts")]
public sealed record ProductPricingFacts(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Category,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal UnitCost,
    [property: Id(4)] decimal FloorPrice,
    [property: Id(5)] double MaxDiscount,
    [property: Id(6)] int Available,
    [property: Id(7)] double DemandPerDay);
