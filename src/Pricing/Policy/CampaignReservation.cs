namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// A campaign decision's claim on the budget: <see cref="UnitDiscount"/> × <see cref="Units"/> was reserved under the
/// quote id (nothing when the discount is 0, e.g. for a holdout customer).
/// </summary>
public sealed record CampaignReservation(string CampaignId, decimal UnitDiscount, int Units, bool Holdout)
{
    public decimal Amount => UnitDiscount * Units;
}
