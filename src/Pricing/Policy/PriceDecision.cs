namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// The price chosen for one SKU and why; <see cref="Propensity"/> is the probability with which the policy chose this
/// level (below 1 only under campaign exploration), <see cref="CampaignId"/> the campaign that priced it, if any.
/// </summary>
[GenerateSerializer, Immutable, Alias("pricing.price-decision")]
public sealed record PriceDecision(
    [property: Id(0)] string Sku,
    [property: Id(1)] decimal ListPrice,
    [property: Id(2)] decimal Price,
    [property: Id(3)] double Discount,
    [property: Id(4)] double PurchaseProbability,
    [property: Id(5)] double ExpectedProfit,
    [property: Id(6)] IReadOnlyList<string> Reasons,
    [property: Id(7)] double Propensity = 1,
    [property: Id(8)] string? CampaignId = null);
