namespace OrleansPricing.Contracts.Customers;

[GenerateSerializer, Immutable, Alias("contracts.quote-request")]
public sealed record QuoteRequest(
    [property: Id(0)] IReadOnlyList<string> Skus,
    [property: Id(1)] string Channel);
