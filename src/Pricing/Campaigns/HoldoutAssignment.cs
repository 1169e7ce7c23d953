namespace OrleansPricing.Pricing.Campaigns;

/// <summary>Which customers a campaign keeps on list price to measure its effect.</summary>
public static class HoldoutAssignment
{
    /// <summary>A stable hash of campaign and customer, so a customer's arm never flips between quotes, silos or restarts.</summary>
    public static bool IsHoldout(string campaignId, string customerId, double holdoutFraction) =>
        Fnv1aHash.Mixed($"{campaignId}|{customerId}") / (double)uint.MaxValue < holdoutFraction;
}
