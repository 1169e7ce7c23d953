using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Products;

/// <summary>One partition of the catalog's SKUs, persisted; products register here when first defined.</summary>
public sealed class ProductDirectoryGrain(
    [PersistentState("product-directory", PricingStorage.Name)] IPersistentState<ProductDirectoryState> state) : Grain, IProductDirectoryGrain
{
    /// <summary>The partition of <paramref name="sku"/>: a hash that is the same in every process and every run.</summary>
    public static long PartitionOf(string sku) => Fnv1aHash.Mixed(sku) % IProductDirectoryGrain.Partitions;

    /// <summary>Characters of all SKUs in this partition, derived from the list once per activation.</summary>
    private int? _characters;

    private List<string> Skus => state.State.Skus;

    public async Task<bool> RegisterAsync(string sku)
    {
        var at = Skus.BinarySearch(sku, StringComparer.Ordinal);
        if (at >= 0)
        {
            return true;
        }

        _characters ??= Skus.Sum(known => known.Length);
        if (Skus.Count >= IProductDirectoryGrain.MaxSkusPerPartition
            || _characters + sku.Length > IProductDirectoryGrain.MaxSkuCharactersPerPartition)
        {
            return false;
        }

        Skus.Insert(~at, sku);
        _characters += sku.Length;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return true;
    }

    public Task<IReadOnlyList<string>> ListAsync(string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var from = 0;
        if (after is not null)
        {
            var at = Skus.BinarySearch(after, StringComparer.Ordinal);
            from = at >= 0 ? at + 1 : ~at;
        }

        return Task.FromResult<IReadOnlyList<string>>(Skus.GetRange(from, Math.Min(limit, Skus.Count - from)));
    }
}
