namespace OrleansPricing.Contracts.Customers;

/// <summary>SKUs to price for one customer; campaign discounts are reserved for <see cref="Units"/> units of each.</summary>
[GenerateSerializer, Immutable, Alias("contracts.quote-request")]
public sealed record QuoteRequest(
    [property: Id(0)] IReadOnlyList<string> Skus,
    [property: Id(1)] string Channel,
    [property: Id(2)] int Units = 1);
