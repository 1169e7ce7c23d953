namespace OrleansPricing.Client.Requests;

/// <summary>Body of <c>PUT /api/v1/admin/campaigns/{id}</c>.</summary>
public sealed record CampaignRequest(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    decimal? Budget,
    decimal? RevenueTarget,
    IReadOnlyList<double>? DiscountGrid,
    int? MaxDiscountedOffersPerDay,
    double? MaxDiscount,
    IReadOnlyList<string>? Skus,
    IReadOnlyList<string>? Categories,
    double? HoldoutFraction,
    double? ExplorationRate,
    Dictionary<string, int>? UnitLimits);
