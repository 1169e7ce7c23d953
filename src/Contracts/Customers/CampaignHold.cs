namespace OrleansPricing.Contracts.Customers;

/// <summary>
/// A quote's claim on a campaign: the discount per unit it promised, reserved for <see cref="Units"/> units in the lease
/// of <see cref="Holder"/> (the silo that quoted). Holdout quotes are list price and only count conversions.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-hold")]
public sealed record CampaignHold(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Holder,
    [property: Id(2)] decimal UnitDiscount,
    [property: Id(3)] int Units,
    [property: Id(4)] bool Holdout);
