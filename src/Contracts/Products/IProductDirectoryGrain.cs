namespace OrleansPricing.Contracts.Products;

/// <summary>
/// One partition of the catalog's SKU list (key 0 … <see cref="Partitions"/> − 1, a SKU's partition fixed by a hash of
/// it), so that no single grain or storage row holds the whole catalog. Product listings merge the partitions in SKU
/// order.
/// </summary>
[Alias("contracts.product-directory")]
public interface IProductDirectoryGrain : IGrainWithIntegerKey
{
    public const int Partitions = 32;

    /// <summary>SKUs one partition holds at most (<see cref="Partitions"/> × this is the catalog's size limit).</summary>
    public const int MaxSkusPerPartition = 20_000;

    /// <summary>
    /// Characters of all SKUs one partition holds at most, so its row stays well under Azure Table's 1 MB however long
    /// the SKUs are (up to 128 characters each): 400,000 characters and 20,000 JSON separators are about 0.5 MB of UTF-8.
    /// </summary>
    public const int MaxSkuCharactersPerPartition = 400_000;

    /// <returns>False when the partition is full and <paramref name="sku"/> is new to it.</returns>
    [Alias("register")]
    Task<bool> RegisterAsync(string sku);

    /// <summary>The first <paramref name="limit"/> SKUs of this partition after <paramref name="after"/>, in ordinal order.</summary>
    [Alias("list")]
    Task<IReadOnlyList<string>> ListAsync(string? after, int limit);
}
