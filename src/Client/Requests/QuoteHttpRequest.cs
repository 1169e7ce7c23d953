namespace OrleansPricing.Client.Requests;

/// <summary>Body of <c>POST /api/v1/quotes</c>.</summary>
public sealed record QuoteHttpRequest(
    string? CustomerId,
    IReadOnlyList<string?>? Skus,
    string? Channel,
    int? Units = null);
