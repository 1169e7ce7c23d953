namespace OrleansPricing.Grains.Products;

[GenerateSerializer, Alias("grains.product-directory-state")]
public sealed class ProductDirectoryState
{
    /// <summary>This partition's SKUs, kept in ordinal order so a page is a binary search and a slice.</summary>
    [Id(0)] public List<string> Skus { get; set; } = [];
}
