namespace OrleansPricing.Pricing.Features;

/// <summary>One observed customer behaviour, timestamped by the shop (event time, not arrival time).</summary>
[GenerateSerializer, Immutable, Alias("pricing.customer-event")]
public sealed record CustomerEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] CustomerEventType Type,
    [property: Id(2)] string? Sku,
    [property: Id(3)] string? Category,
    [property: Id(4)] int Quantity,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] DateTimeOffset Timestamp,
    [property: Id(7)] decimal DiscountAmount = 0m);
