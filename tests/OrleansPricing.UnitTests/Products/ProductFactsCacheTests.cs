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

    private ProductFactsCache Cache(TimeSpan maxAge) => new(_time, Options.Create(new PricingOptions { ProductFactsMaxAge = maxAge }));

    [Fact]
    public void A_copy_is_quoted_from_until_it_is_as_old_as_the_maximum_age()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("MUG", out _));

        cache.Keep("MUG", Mug, cache.BeginRead("MUG"));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.True(cache.TryGet("MUG", out var held));
        Assert.Same(Mug, held);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(cache.TryGet("MUG", out _));
    }

    [Fact]
    public void A_product_that_does_not_exist_is_remembered_as_such()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        cache.Keep("NONE", null, cache.BeginRead("NONE"));

        Assert.True(cache.TryGet("NONE", out var held));
        Assert.Null(held);
    }

    [Fact]
    public void A_change_drops_the_copy_and_a_read_begun_before_it_is_not_kept()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        cache.Keep("MUG", Mug, cache.BeginRead("MUG"));
        cache.Forget("MUG");
        Assert.False(cache.TryGet("MUG", out _));

        // A read in flight while the product changed may carry the old facts: they must not be kept.
        var before = cache.BeginRead("MUG");
        cache.Forget("MUG");
        cache.Keep("MUG", Mug, before);
        Assert.False(cache.TryGet("MUG", out _));

        var after = cache.BeginRead("MUG");
        cache.Keep("MUG", Mug with { ListPrice = 14m }, after);
        Assert.True(cache.TryGet("MUG", out var held));
        Assert.Equal(14m, held!.ListPrice);
    }

    [Fact]
    public void A_maximum_age_of_zero_keeps_nothing()
    {
        var cache = Cache(TimeSpan.Zero);
        cache.Keep("MUG", Mug, cache.BeginRead("MUG"));

        Assert.False(cache.TryGet("MUG", out _));
    }
}
