namespace OrleansPricing.Contracts.Campaigns;

/// <summary>The discount one honoured quote spends, drawn from the lease of the holder that reserved it.</summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-draw")]
public sealed record CampaignDraw(
    [property: Id(0)] string Holder,
    [property: Id(1)] string QuoteId,
    [property: Id(2)] decimal Amount);
