namespace OrleansPricing.Contracts.Products;

/// <summary>What a shop says about a product: prices, limits and units on hand.</summary>
[GenerateSerializer, Immutable, Alias("contracts.product-definition")]
public sealed record ProductDefinition(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Category,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal UnitCost,
    [property: Id(4)] decimal FloorPrice,
    [property: Id(5)] double MaxDiscount,
    [property: Id(6)] int Inventory);
