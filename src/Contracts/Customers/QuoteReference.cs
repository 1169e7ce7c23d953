namespace OrleansPricing.Contracts.Customers;

[GenerateSerializer, Immutable, Alias("contracts.quote-reference")]
public sealed record QuoteReference(
    [property: Id(0)] string Sku,
    [property: Id(1)] string? QuoteId,
    [property: Id(2)] int Quantity = 1);
