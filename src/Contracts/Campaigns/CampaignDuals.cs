namespace OrleansPricing.Contracts.Campaigns;

/// <summary>
/// The campaign's shadow prices as the coordinator publishes them, versioned so silos can cache them:
/// <see cref="Lambda"/> prices the discount budget, <see cref="Nu"/> rewards revenue while the sales target is behind
/// plan, <see cref="Mu"/> prices each SKU's scarce inventory.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-duals")]
public sealed record CampaignDuals(
    [property: Id(0)] double Lambda,
    [property: Id(1)] double Nu,
    [property: Id(2)] IReadOnlyDictionary<string, double> Mu,
    [property: Id(3)] long Version)
{
    public static CampaignDuals Zero { get; } = new(0, 0, new Dictionary<string, double>(StringComparer.Ordinal), 0);
}
