namespace OrleansPricing.Contracts.Campaigns;

/// <summary>
/// A completed order's effect on a campaign: the discount each honoured quote spends (drawn from the lease that reserved
/// it), the revenue and units of the campaign's lines, and the arm. Idempotent by order id.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-sale")]
public sealed record CampaignSale(
    [property: Id(0)] string OrderId,
    [property: Id(1)] IReadOnlyList<CampaignDraw> Draws,
    [property: Id(2)] decimal Revenue,
    [property: Id(3)] IReadOnlyDictionary<string, int> UnitsBySku,
    [property: Id(4)] bool Holdout)
{
    public decimal DiscountSpent => Draws.Sum(draw => draw.Amount);
}
