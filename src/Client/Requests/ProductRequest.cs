namespace OrleansPricing.Client.Requests;

/// <summary>Body item of <c>PUT /api/v1/products</c>. Every field is nullable so a missing one is reported by name.</summary>
public sealed record ProductRequest(
    string? Sku,
    string? Category,
    decimal? ListPrice,
    decimal? UnitCost,
    decimal? FloorPrice,
    double? MaxDiscount,
    int? Inventory);
