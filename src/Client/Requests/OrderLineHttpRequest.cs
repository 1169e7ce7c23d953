namespace OrleansPricing.Client.Requests;

public sealed record OrderLineHttpRequest(
    string? Sku,
    int? Quantity,
    string? QuoteId);
