namespace OrleansPricing.Contracts.Orders;

/// <summary>One line of an order: the SKU, the units, and the signed quote (<c>Quote.Token</c>) whose price it claims, if any.</summary>
[GenerateSerializer, Immutable, Alias("contracts.order-line-request")]
public sealed record OrderLineRequest(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string? QuoteToken);
