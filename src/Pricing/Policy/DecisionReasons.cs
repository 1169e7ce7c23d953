namespace OrleansPricing.Pricing.Policy;

/// <summary>Machine-readable reasons attached to each quote, so a shop can see why a price was chosen.</summary>
public static class DecisionReasons
{
    public const string MaximizesExpectedProfit = "maximizes-expected-profit";
    public const string ListPriceMostProfitable = "list-price-most-profitable";
    public const string DiscountGainBelowMinimum = "discount-gain-below-minimum";

    /// <summary>A shallower discount than the most profitable, within <c>Pricing:DepthTolerance</c> of its gain.</summary>
    public const string WithinDepthTolerance = "within-depth-tolerance";
    public const string FloorPriceLimitsDiscount = "floor-price-limits-discount";
    public const string MaxDiscountLimitsDiscount = "max-discount-limits-discount";
    public const string DailyDiscountCapReached = "daily-discount-cap-reached";
    public const string NewCustomer = "new-customer";
    public const string OutOfStock = "out-of-stock";
    public const string CampaignOptimal = "campaign-optimal";
    public const string CampaignExploration = "campaign-exploration";
    public const string Exploration = "exploration";

    /// <summary>With <see cref="Exploration"/>: a discount the model barely preferred, quoted at list price to learn whether it paid (<c>Pricing:ListPriceCheckRate</c>).</summary>
    public const string ListPriceCheck = "list-price-check";
    public const string ShadowTrial = "shadow-trial";
    public const string CampaignHoldout = "campaign-holdout";
    public const string CampaignBudgetExhausted = "campaign-budget-exhausted";
}
