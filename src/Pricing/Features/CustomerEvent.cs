namespace OrleansPricing.Pricing.Features;

/// <summary>One observed customer behaviour, timestamped by the shop (event time, not arrival time).</summary>
public sealed record CustomerEvent(
    string EventId,
    CustomerEventType Type,
    string? Sku,
    string? Category,
    int Quantity,
    decimal Amount,
    DateTimeOffset Timestamp,
    decimal DiscountAmount = 0m);
