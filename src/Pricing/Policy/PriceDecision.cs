namespace OrleansPricing.Pricing.Policy;

/// <summary>The price chosen for one SKU and why.</summary>
[GenerateSerializer, Immutable, Alias("pricing.price-decision")]
public sealed record PriceDecision(
    [property: Id(0)] string Sku,
    [property: Id(1)] decimal ListPrice,
    [property: Id(2)] decimal Price,
    [property: Id(3)] double Discount,
    [property: Id(4)] double PurchaseProbability,
    [property: Id(5)] double ExpectedProfit,
    [property: Id(6)] IReadOnlyList<string> Reasons);
