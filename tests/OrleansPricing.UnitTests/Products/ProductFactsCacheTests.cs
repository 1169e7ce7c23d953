using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Products;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Products;

public sealed class ProductFactsCacheTests
{
    private static readonly ProductPricingFacts Mug = new("MUG", "home", 12m, 5m, 8m, 0.3, 40, 1.5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The product grains as the cache's reader sees them: their current facts, and how often each was read.</summary>
    private readonly Dictionary<string, ProductPricingFacts?> _grains = new() { ["MUG"] = Mug, ["NONE"] = null };

    private readonly Dictionary<string, int> _reads = [];

    private ProductFactsCache Cache(TimeSpan maxAge) => new(_time, Options.Create(new PricingOptions { ProductFactsMaxAge = maxAge }));

    private Task<ProductPricingFacts?> ReadAsync(string sku)
    {
        _reads[sku] = _reads.GetValueOrDefault(sku) + 1;
        return Task.FromResult(_grains[sku]);
    }

    [Fact]
    public async Task A_copy_is_quoted_from_until_it_is_as_old_as_the_maximum_age()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        Assert.Same(Mug, (await cache.GetAsync(["MUG"], ReadAsync))[0]);

        _grains["MUG"] = Mug with { ListPrice = 14m };
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Same(Mug, (await cache.GetAsync(["MUG"], ReadAsync))[0]);
        Assert.Equal(1, _reads["MUG"]);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(14m, (await cache.GetAsync(["MUG"], ReadAsync))[0]!.ListPrice);
        Assert.Equal(2, _reads["MUG"]);
    }

    [Fact]
    public async Task A_product_that_does_not_exist_is_remembered_as_such_beside_one_that_does()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        Assert.Equal<ProductPricingFacts?>([null, Mug], (await cache.GetAsync(["NONE", "MUG"], ReadAsync)).AsEnumerable());
        Assert.Equal<ProductPricingFacts?>([null, Mug], (await cache.GetAsync(["NONE", "MUG"], ReadAsync)).AsEnumerable());

        Assert.Equal(1, _reads["NONE"]);
        Assert.Equal(1, _reads["MUG"]);
    }

    [Fact]
    public async Task A_change_drops_the_copy_and_a_read_under_way_during_a_change_is_not_kept()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        await cache.GetAsync(["MUG"], ReadAsync);
        cache.Forget("MUG");
        await cache.GetAsync(["MUG"], ReadAsync);
        Assert.Equal(2, _reads["MUG"]);

        // A read in flight while the product changed may carry the old facts: returned to its caller, never kept.
        var inFlight = new TaskCompletionSource<ProductPricingFacts?>();
        cache.Forget("MUG");
        var pending = cache.GetAsync(["MUG"], _ => inFlight.Task);
        cache.Forget("MUG");
        inFlight.SetResult(Mug);
        Assert.Same(Mug, (await pending)[0]);

        _grains["MUG"] = Mug with { ListPrice = 14m };
        Assert.Equal(14m, (await cache.GetAsync(["MUG"], ReadAsync))[0]!.ListPrice);
        Assert.Equal(14m, (await cache.GetAsync(["MUG"], ReadAsync))[0]!.ListPrice);
        Assert.Equal(3, _reads["MUG"]);
    }

    [Fact]
    public async Task A_maximum_age_of_zero_reads_every_time()
    {
        var cache = Cache(TimeSpan.Zero);
        await cache.GetAsync(["MUG"], ReadAsync);
        await cache.GetAsync(["MUG"], ReadAsync);

        Assert.Equal(2, _reads["MUG"]);
    }
}
