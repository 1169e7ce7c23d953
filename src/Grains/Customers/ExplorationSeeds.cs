using Microsoft.Extensions.DependencyInjection;
using OrleansPricing.Contracts;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Customers;

/// <summary>
/// The seed of a quote's exploration draws. A customer's activation counts itself in <see cref="QuoteCounters"/> only with
/// its first discounted quote (a list-price quote writes nothing), so an activation that quoted at list price alone leaves
/// the count as it found it; the next activation must still not repeat its draws. So the seed mixes in when the
/// activation's first quote was made, counted from when the silo made this service (with its first customer activation):
/// unique for every activation in practice (the clock's ticks), and the same on every run of a replayed history, which
/// starts its clock at the real time of the run but moves it only by hand (the shop simulation: its first customer is
/// activated by the history's events, before the clock first moves).
/// </summary>
public sealed class ExplorationSeeds([FromKeyedServices(PricingClock.Key)] TimeProvider time)
{
    private readonly DateTimeOffset _origin = time.GetUtcNow();

    /// <param name="activation">The customer's count of quoting activations, this one included.</param>
    /// <param name="firstQuote">When this activation's first quote was made.</param>
    /// <param name="quoteNumber">Quote calls this activation answered before this one.</param>
    public int For(string customerId, int activation, DateTimeOffset firstQuote, long quoteNumber)
    {
        var instant = (ulong)(firstQuote - _origin).Ticks * 0xC2B2AE3D27D4EB4FUL;
        return (int)(Fnv1aHash.Of(customerId) ^ ((uint)(activation - 1) * 0x9E3779B9u) ^ (uint)quoteNumber ^ (uint)(quoteNumber >> 32) * 2654435761u
            ^ (uint)instant ^ (uint)(instant >> 32));
    }
}
