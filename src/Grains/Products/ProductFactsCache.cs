using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Grains.Products;

/// <summary>
/// This silo's copies of products' pricing facts, each used for at most <see cref="PricingOptions.ProductFactsMaxAge"/>
/// after it was read from its product grain. Why: a quote read every SKU's facts from its product grain, three grain
/// calls a quote, the largest cost of a direct quote left (docs/benchmarks.md: "The products' terms from the silo's
/// copy"). What a copy may miss is bounded: a product grain drops its
/// silo's copy whenever its state changes (<see cref="Forget"/>), so one silo (the embedded default) quotes what the
/// grain holds, and another silo quotes a change at most that long after it. Orders never read the copies: the product
/// grain reserves the stock itself, and an order pays the price its signed quote names.
/// </summary>
public sealed class ProductFactsCache([FromKeyedServices(PricingClock.Key)] TimeProvider time, IOptions<PricingOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Bumped by every <see cref="Forget"/>: a read that began before a change must not keep what it read.</summary>
    private readonly ConcurrentDictionary<string, long> _changes = new(StringComparer.Ordinal);

    private TimeSpan MaxAge => options.Value.ProductFactsMaxAge;

    /// <summary>
    /// Each SKU's facts (null: no such product), in order: from this silo's copy where it is young enough, else read with
    /// <paramref name="read"/> — the reads all at once, so a quote waits for its slowest product, not for their sum — and
    /// kept unless the product changed while its read was under way.
    /// </summary>
    public async ValueTask<ProductPricingFacts?[]> GetAsync(IReadOnlyList<string> skus, Func<string, Task<ProductPricingFacts?>> read)
    {
        var now = time.GetUtcNow();
        var facts = new ProductPricingFacts?[skus.Count];
        List<(int Index, long Change, Task<ProductPricingFacts?> Facts)>? reads = null;
        for (var i = 0; i < skus.Count; i++)
        {
            if (MaxAge > TimeSpan.Zero && _entries.TryGetValue(skus[i], out var entry) && now - entry.ReadAt < MaxAge)
            {
                facts[i] = entry.Facts;
            }
            else
            {
                (reads ??= []).Add((i, _changes.GetValueOrDefault(skus[i]), read(skus[i])));
            }
        }

        if (reads is null)
        {
            return facts;
        }

        await Task.WhenAll(reads.Select(pending => pending.Facts));
        foreach (var (index, change, pending) in reads)
        {
            facts[index] = pending.Result;
            if (MaxAge > TimeSpan.Zero && _changes.GetValueOrDefault(skus[index]) == change)
            {
                _entries[skus[index]] = new Entry(facts[index], now);
            }
        }

        return facts;
    }

    /// <summary>Drops this silo's copy: the product's state is changing.</summary>
    public void Forget(string sku)
    {
        _changes.AddOrUpdate(sku, 1, (_, change) => change + 1);
        _entries.TryRemove(sku, out _);
    }

    private sealed record Entry(ProductPricingFacts? Facts, DateTimeOffset ReadAt);
}
