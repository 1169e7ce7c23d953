namespace OrleansPricing.Contracts.Customers;

/// <summary>Why an order line's quote is not honoured.</summary>
[GenerateSerializer, Immutable, Alias("contracts.quote-rejection")]
public sealed record QuoteRejection(
    [property: Id(0)] string Sku,
    [property: Id(1)] QuoteRejectionKind Kind,
    [property: Id(2)] string Detail);
