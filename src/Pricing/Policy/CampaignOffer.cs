using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// What a campaign offers on one SKU of one quote: its grid and maximum, the customer's discounted offers left under
/// it today, the cached duals, the exploration rate, the budget this silo may promise from, and the units the quote is
/// for. A holdout customer gets list price.
/// </summary>
public sealed record CampaignOffer(
    string CampaignId,
    IReadOnlyList<double> Grid,
    double MaxDiscount,
    int DiscountedOffersLeft,
    DualPrices Duals,
    double ExplorationRate,
    IDiscountBudget Budget,
    int Units,
    bool Holdout);
