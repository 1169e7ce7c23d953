namespace OrleansPricing.Client.Requests;

/// <summary>Body of <c>POST /api/v1/orders</c>.</summary>
public sealed record OrderHttpRequest(
    string? OrderId,
    string? CustomerId,
    IReadOnlyList<OrderLineHttpRequest?>? Lines);
