using System.IO.Hashing;
using System.Text;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Cluster;

namespace OrleansPricing.Grains.Products;

/// <summary>One partition of the catalog's SKUs, persisted; products register here when first defined.</summary>
public sealed class ProductDirectoryGrain(
    [PersistentState("product-directory", PricingStorage.Name)] IPersistentState<ProductDirectoryState> state) : Grain, IProductDirectoryGrain
{
    /// <summary>The partition of <paramref name="sku"/>: a hash that is the same in every process and every run.</summary>
    public static long PartitionOf(string sku) => XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(sku)) % IProductDirectoryGrain.Partitions;

    private List<string> Skus => state.State.Skus;

    public async Task<bool> RegisterAsync(string sku)
    {
        var at = Skus.BinarySearch(sku, StringComparer.Ordinal);
        if (at >= 0)
        {
            return true;
        }

        if (Skus.Count >= IProductDirectoryGrain.MaxSkusPerPartition)
        {
            return false;
        }

        Skus.Insert(~at, sku);
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
