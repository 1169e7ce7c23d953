namespace OrleansPricing.Contracts.Orders;

/// <summary>What one order line was charged, and whether a quote set the price.</summary>
[GenerateSerializer, Immutable, Alias("contracts.charged-line")]
public sealed record ChargedLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] decimal ListPrice,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal LineTotal,
    [property: Id(5)] string? QuoteId,
    [property: Id(6)] bool QuoteHonoured);
