namespace OrleansPricing.Contracts.Orders;

[GenerateSerializer, Immutable, Alias("contracts.order-line-request")]
public sealed record OrderLineRequest(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string? QuoteId);
