namespace OrleansPricing.Contracts.Orders;

[GenerateSerializer, Immutable, Alias("contracts.order-outcome")]
public sealed record OrderOutcome(
    [property: Id(0)] string OrderId,
    [property: Id(1)] OrderStatus Status,
    [property: Id(2)] IReadOnlyList<ChargedLine> Lines,
    [property: Id(3)] decimal Total,
    [property: Id(4)] DateTimeOffset? CompletedAt,
    [property: Id(5)] bool Replayed,
    [property: Id(6)] string? Detail,
    [property: Id(7)] string? Sku);
