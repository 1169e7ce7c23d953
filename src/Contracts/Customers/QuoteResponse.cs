namespace OrleansPricing.Contracts.Customers;

[GenerateSerializer, Immutable, Alias("contracts.quote-response")]
public sealed record QuoteResponse(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] IReadOnlyList<Quote> Quotes,
    [property: Id(2)] IReadOnlyList<QuoteItemError> Errors,
    [property: Id(3)] string Model);
