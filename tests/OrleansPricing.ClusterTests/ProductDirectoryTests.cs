using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Products;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class ProductDirectoryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Defined_products_are_listed_once_in_their_partition_in_sku_order()
    {
        var skus = Enumerable.Range(0, 40).Select(i => $"directory-{i:D2}").ToList();
        foreach (var sku in skus.Concat(skus.Take(5))) // five redefined: listed once
        {
            var definition = new ProductDefinition(sku, "home", 20m, 8m, 12m, 0.3, 10);
            Assert.True((await fixture.Grains.GetGrain<IProductGrain>(sku).UpsertAsync(definition)).Applied);
        }

        var listed = new List<string>();
        for (var partition = 0; partition < IProductDirectoryGrain.Partitions; partition++)
        {
            var all = await fixture.Grains.GetGrain<IProductDirectoryGrain>(partition).ListAsync(null, 1000);
            Assert.Equal(all.Order(StringComparer.Ordinal), all);
            Assert.All(all.Where(sku => sku.StartsWith("directory-", StringComparison.Ordinal)),
                sku => Assert.Equal(partition, ProductDirectoryGrain.PartitionOf(sku)));
            listed.AddRange(all.Where(sku => sku.StartsWith("directory-", StringComparison.Ordinal)));
        }

        Assert.Equal(skus, listed.Order(StringComparer.Ordinal));
        Assert.True(skus.Select(ProductDirectoryGrain.PartitionOf).Distinct().Count() > 10, "the SKUs spread over the partitions");
    }

    [Fact]
    public async Task A_partition_pages_after_a_cursor_that_need_not_be_listed()
    {
        var partition = fixture.Grains.GetGrain<IProductDirectoryGrain>(IProductDirectoryGrain.Partitions + 7); // a key no SKU maps to
        foreach (var sku in new[] { "b", "d", "a", "c", "e" })
        {
            Assert.True(await partition.RegisterAsync(sku));
        }

        Assert.Equal(["a", "b"], await partition.ListAsync(null, 2));
        Assert.Equal(["c", "d"], await partition.ListAsync("b", 2));
        Assert.Equal(["c", "d", "e"], await partition.ListAsync("bb", 10));
        Assert.Empty(await partition.ListAsync("e", 10));
    }

    [Fact]
    public async Task A_partition_refuses_a_new_sku_once_its_characters_would_pass_the_row_budget()
    {
        var partition = fixture.Grains.GetGrain<IProductDirectoryGrain>(IProductDirectoryGrain.Partitions + 9); // a key no SKU maps to
        const int length = 4_000; // longer than the gateway allows, so 100 calls fill the budget (the grain counts characters only)
        var count = IProductDirectoryGrain.MaxSkuCharactersPerPartition / length;
        string Sku(int i) => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture).PadRight(length, 'x');
        for (var i = 0; i < count; i++)
        {
            Assert.True(await partition.RegisterAsync(Sku(i)));
        }

        Assert.False(await partition.RegisterAsync("y")); // one character more than the budget
        Assert.True(await partition.RegisterAsync(Sku(17))); // a SKU already listed is still accepted
        Assert.Equal(count, (await partition.ListAsync(null, count + 1)).Count);
    }
}
