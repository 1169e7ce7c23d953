using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// How a campaign prices one SKU of one quote: its grid and limits, the cached duals, the exploration rate and draw, how
/// much discount this silo's lease can still promise, and the units the quote is for. A holdout customer gets list price.
/// </summary>
public sealed record CampaignTerms(
    string CampaignId,
    IReadOnlyList<double> Grid,
    double MaxDiscount,
    int DiscountedOffersLeft,
    DualPrices Duals,
    double ExplorationRate,
    decimal AffordableDiscount,
    int Units,
    bool Holdout,
    Random Random);
