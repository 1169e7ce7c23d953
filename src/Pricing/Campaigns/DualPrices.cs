namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Shadow prices of the campaign's constraints, versioned so serving can cache them: <see cref="Lambda"/> prices the
/// discount budget, <see cref="Nu"/> rewards revenue while the sales target is behind plan, <see cref="Mu"/> prices each
/// SKU's scarce inventory.
/// </summary>
public sealed record DualPrices(
    double Lambda,
    double Nu,
    IReadOnlyDictionary<string, double> Mu,
    long Version)
{
    public static DualPrices Zero { get; } = new(0, 0, new Dictionary<string, double>(StringComparer.Ordinal), 0);

    public double MuFor(string sku) => Mu.TryGetValue(sku, out var mu) ? mu : 0;
}
