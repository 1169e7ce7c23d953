namespace OrleansPricing.Contracts.Campaigns;

/// <summary>A promotion: its window, money, targets, decision grid, caps, scope, holdout and exploration.</summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-definition")]
public sealed record CampaignDefinition(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] decimal Budget,
    [property: Id(4)] decimal? RevenueTarget,
    [property: Id(5)] IReadOnlyList<double> DiscountGrid,
    [property: Id(6)] int MaxDiscountedOffersPerDay,
    [property: Id(7)] double MaxDiscount,
    [property: Id(8)] IReadOnlyList<string> Skus,
    [property: Id(9)] IReadOnlyList<string> Categories,
    [property: Id(10)] double HoldoutFraction,
    [property: Id(11)] double ExplorationRate,
    [property: Id(12)] IReadOnlyDictionary<string, int> UnitLimits)
{
    public bool Covers(string sku, string category) => Skus.Contains(sku) || Categories.Contains(category);
}
