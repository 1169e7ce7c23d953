using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Customers;

/// <summary>A price promised to a customer for one SKU until it expires, as the customer grain stores it (the API shows <see cref="OpenQuoteView"/>).</summary>
[GenerateSerializer, Immutable, Alias("grains.open-quote")]
public sealed record OpenQuote(
    [property: Id(0)] string QuoteId,
    [property: Id(1)] string Sku,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal Price,
    [property: Id(4)] double Discount,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] CampaignHold? Campaign = null);
