using OrleansPricing.Contracts.Products;

namespace OrleansPricing.ClusterTests;

/// <summary>Products with unique SKUs per test, so tests never share state.</summary>
public static class TestCatalog
{
    /// <summary>A high-margin item the shipped logistic model discounts for a new customer.</summary>
    public static async Task<ProductDefinition> DefineMugAsync(IGrainFactory grains, string testName, int inventory = 100)
    {
        var product = new ProductDefinition($"{testName}-MUG", "home", 12.50m, 2.80m, 8.00m, 0.30, inventory);
        Assert.True((await grains.GetGrain<IProductGrain>(product.Sku).UpsertAsync(product)).Applied);
        return product;
    }

    /// <summary><paramref name="count"/> such mugs, each its own SKU: <c>{testName}-0-MUG</c>, <c>{testName}-1-MUG</c>, ….</summary>
    public static async Task<IReadOnlyList<ProductDefinition>> DefineMugsAsync(IGrainFactory grains, string testName, int count)
    {
        var mugs = new List<ProductDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            mugs.Add(await DefineMugAsync(grains, $"{testName}-{i}"));
        }

        return mugs;
    }

    /// <summary>A low-margin item whose floor stops deep discounts.</summary>
    public static async Task<ProductDefinition> DefineHeadphonesAsync(IGrainFactory grains, string testName, int inventory = 10)
    {
        var product = new ProductDefinition($"{testName}-HEADPHONES", "electronics", 149m, 88m, 140m, 0.15, inventory);
        Assert.True((await grains.GetGrain<IProductGrain>(product.Sku).UpsertAsync(product)).Applied);
        return product;
    }
}
