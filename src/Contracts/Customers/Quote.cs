namespace OrleansPricing.Contracts.Customers;

/// <summary>
/// One priced SKU. An order that cites <see cref="Token"/> (the signed quote) before <see cref="ExpiresAt"/> pays
/// <see cref="Price"/>, once, for at most <see cref="MaxUnits"/> units when set (a campaign quote reserves its discount
/// budget for that many).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.quote")]
public sealed record Quote(
    [property: Id(0)] string QuoteId,
    [property: Id(1)] string Sku,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal Price,
    [property: Id(4)] double Discount,
    [property: Id(5)] double PurchaseProbability,
    [property: Id(6)] double ExpectedProfit,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] string Segment,
    [property: Id(9)] IReadOnlyList<string> Reasons,
    [property: Id(10)] string? Campaign = null,
    [property: Id(11)] int? MaxUnits = null,
    [property: Id(12)] string? Token = null);
