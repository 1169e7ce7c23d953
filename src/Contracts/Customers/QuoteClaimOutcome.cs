namespace OrleansPricing.Contracts.Customers;

/// <summary>
/// The customer grain's answer to an order's quotes: every cited quote honoured (and now used by that order), or the
/// first line whose quote cannot be, with nothing claimed.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.quote-claim-outcome")]
public sealed record QuoteClaimOutcome(
    [property: Id(0)] IReadOnlyList<HonouredQuote> Honoured,
    [property: Id(1)] QuoteRejection? Rejection = null);
