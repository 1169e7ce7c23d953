namespace OrleansPricing.Contracts.Products;

/// <summary>A product as the gateway shows it: its definition plus live stock and demand.</summary>
[GenerateSerializer, Immutable, Alias("contracts.product-view")]
public sealed record ProductView(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Category,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal UnitCost,
    [property: Id(4)] decimal FloorPrice,
    [property: Id(5)] double MaxDiscount,
    [property: Id(6)] int Inventory,
    [property: Id(7)] int Reserved,
    [property: Id(8)] int Available,
    [property: Id(9)] int UnitsSold,
    [property: Id(10)] double DemandPerDay,
    [property: Id(11)] DateTimeOffset UpdatedAt);
