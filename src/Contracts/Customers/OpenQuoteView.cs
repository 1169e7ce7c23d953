namespace OrleansPricing.Contracts.Customers;

/// <summary>An open quote as the API shows it: the promised price, and the campaign and units it holds budget for, if any.</summary>
[GenerateSerializer, Immutable, Alias("contracts.open-quote-view")]
public sealed record OpenQuoteView(
    [property: Id(0)] string QuoteId,
    [property: Id(1)] string Sku,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal Price,
    [property: Id(4)] double Discount,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] string? Campaign = null,
    [property: Id(8)] int? MaxUnits = null);
