namespace OrleansPricing.Contracts.Customers;

/// <summary>An order line as the customer grain checks it: the SKU, the signed quote it cites (if any) and the units.</summary>
[GenerateSerializer, Immutable, Alias("contracts.quote-reference")]
public sealed record QuoteReference(
    [property: Id(0)] string Sku,
    [property: Id(1)] string? QuoteToken,
    [property: Id(2)] int Quantity = 1);
