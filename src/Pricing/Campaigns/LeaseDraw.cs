namespace OrleansPricing.Pricing.Campaigns;

/// <summary>The discount one order line spends, drawn from the lease of the holder that reserved it for the quote.</summary>
public sealed record LeaseDraw(
    string Holder,
    string QuoteId,
    decimal Amount);
