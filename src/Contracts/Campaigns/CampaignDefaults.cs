namespace OrleansPricing.Contracts.Campaigns;

/// <summary>What a campaign gets for each setting its creator leaves out (the API fills these in; the docs quote them).</summary>
public static class CampaignDefaults
{
    /// <summary>Campaign discounts stop at 20%: a promotion budget is spread over more customers than the unconstrained optimum would give deep discounts to.</summary>
    public static IReadOnlyList<double> DiscountGrid { get; } = [0, 0.05, 0.10, 0.15, 0.20];

    public const int MaxDiscountedOffersPerDay = 3;

    public const double HoldoutFraction = 0.1;

    public const double ExplorationRate = 0.05;
}
