namespace OrleansPricing.Contracts.Campaigns;

/// <summary>A completed order's effect on a campaign. Idempotent by order id.</summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-sale")]
public sealed record CampaignSale(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string Holder,
    [property: Id(2)] decimal DiscountSpent,
    [property: Id(3)] decimal Revenue,
    [property: Id(4)] IReadOnlyDictionary<string, int> UnitsBySku,
    [property: Id(5)] bool Holdout);
