using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Orders;

/// <summary>An order line with the price fixed when the order was first placed.</summary>
[GenerateSerializer, Immutable, Alias("grains.priced-line")]
public sealed record PricedLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Category,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal ListPrice,
    [property: Id(4)] decimal UnitPrice,
    [property: Id(5)] string? QuoteId,
    [property: Id(6)] bool QuoteHonoured,
    [property: Id(7)] CampaignHold? Campaign = null);
