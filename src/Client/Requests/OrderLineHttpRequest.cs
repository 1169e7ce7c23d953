namespace OrleansPricing.Client.Requests;

/// <summary>An order line as the HTTP API reads it; <c>quoteToken</c> is the <c>token</c> of the quote whose price it claims.</summary>
/// <param name="QuoteId">
/// Cited quotes by id before quotes were signed. Refused now, naming <c>quoteToken</c>: ignored, it would make a client
/// that has not moved on pay list price without a word.
/// </param>
public sealed record OrderLineHttpRequest(
    string? Sku,
    int? Quantity,
    string? QuoteToken,
    string? QuoteId = null);
