namespace OrleansPricing.Client.Requests;

/// <summary>Body item of <c>POST /api/v1/events</c>.</summary>
public sealed record EventRequest(
    string? EventId,
    string? CustomerId,
    string? Type,
    string? Sku,
    int? Quantity,
    decimal? Amount,
    DateTimeOffset? Timestamp);
