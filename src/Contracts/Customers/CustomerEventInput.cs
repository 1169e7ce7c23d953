namespace OrleansPricing.Contracts.Customers;

/// <summary>An event as the shop sends it; the customer grain adds the product's category before applying it.</summary>
[GenerateSerializer, Immutable, Alias("contracts.customer-event-input")]
public sealed record CustomerEventInput(
    [property: Id(0)] string EventId,
    [property: Id(1)] CustomerEventKind Type,
    [property: Id(2)] string? Sku,
    [property: Id(3)] int Quantity,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] DateTimeOffset Timestamp);
