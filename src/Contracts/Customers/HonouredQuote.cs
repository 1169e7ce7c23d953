namespace OrleansPricing.Contracts.Customers;

/// <summary>The quoted price honoured for one order line, or null fields when no valid quote applies.</summary>
[GenerateSerializer, Immutable, Alias("contracts.order-line-pricing")]
public sealed record HonouredQuote(
    [property: Id(0)] string Sku,
    [property: Id(1)] string QuoteId,
    [property: Id(2)] decimal Price,
    [property: Id(3)] double Discount,
    [property: Id(4)] CampaignHold? Campaign = null);
