namespace OrleansPricing.Contracts.Customers;

/// <summary>One of a customer's newest events as the customer grain keeps it: when, what, the category, and for a purchase the amount paid and the discount received.</summary>
[GenerateSerializer, Immutable, Alias("contracts.recent-event-view")]
public sealed record RecentEventView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] CustomerEventKind Type,
    [property: Id(2)] string? Category,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] decimal DiscountAmount);
