namespace OrleansPricing.Pricing.Campaigns;

/// <summary>The discount one order line spends, drawn from the lease of the holder that reserved it for the quote.</summary>
[GenerateSerializer, Immutable, Alias("pricing.lease-draw")]
public sealed record LeaseDraw(
    [property: Id(0)] string Holder,
    [property: Id(1)] string QuoteId,
    [property: Id(2)] decimal Amount);
