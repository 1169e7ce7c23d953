namespace OrleansPricing.Pricing.Features;

/// <summary>
/// One observed customer behaviour, timestamped by the shop (event time, not arrival time); a purchase's
/// <see cref="DiscountAmount"/> is what it was paid below list price.
/// </summary>
public sealed record CustomerEvent(
    string EventId,
    CustomerEventType Type,
    string? Sku,
    string? Category,
    int Quantity,
    decimal Amount,
    DateTimeOffset Timestamp,
    decimal DiscountAmount = 0m)
{
    /// <summary>
    /// Below this share of the list value a lower amount is rounding (cents, a currency conversion), not a discount.
    /// </summary>
    public const decimal RoundingTolerance = 0.005m;

    /// <summary>The discount a purchase of <paramref name="listValue"/> paid <paramref name="amount"/> for was given (0 at or above list).</summary>
    public static decimal DiscountBelowList(decimal listValue, decimal amount) =>
        listValue - amount > listValue * RoundingTolerance ? listValue - amount : 0m;
}
