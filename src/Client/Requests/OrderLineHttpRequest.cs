namespace OrleansPricing.Client.Requests;

/// <summary>An order line as the HTTP API reads it; <c>quoteToken</c> is the <c>token</c> of the quote whose price it claims.</summary>
public sealed record OrderLineHttpRequest(
    string? Sku,
    int? Quantity,
    string? QuoteToken);
