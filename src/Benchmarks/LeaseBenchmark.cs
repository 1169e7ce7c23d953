using System.Diagnostics;
using System.Globalization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Quotes;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// A campaign lease filling with reservations as a busy silo's does (quote lines spread over their expiries at a steady
/// rate, none expiring within the run): the longest single reservation — every quote of the silo waits behind it, since
/// they share the lease's lock — and the memory held, for <see cref="LocalBudget"/> against one map with an expiry
/// queue (the lease before 2026-12-02) in the same run.
/// </summary>
public static class LeaseBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan QuoteTimeToLive = TimeSpan.FromMinutes(15);

    public static int Run(BenchmarkSettings settings)
    {
        var reservations = settings.Quotes;
        var perSecond = settings.Rate ?? 13_500;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{reservations:N0} reservations of one lease, expiries {perSecond:N0} a second apart (5,000 quotes/s x 3 campaign lines x 90% not held out), none expiring."));
        Measure("one map and an expiry queue", () => new OneMapLease(), reservations, perSecond);
        Measure("slots by expiry (LocalBudget)", () =>
        {
            var lease = new LocalBudget();
            lease.Sync(decimal.MaxValue / 2, [], Start, TimeSpan.Zero);
            return lease;
        }, reservations, perSecond);
        return 0;
    }

    private static void Measure(string name, Func<IDiscountBudget> create, int reservations, int perSecond)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var lease = create();
        var ids = Enumerable.Range(0, 1024).Select(i => QuoteIds.New(Start.AddTicks(i))).ToArray();
        var spacing = TimeSpan.TicksPerSecond / perSecond;
        var (longest, longestAt, overOneMs, overTenMs) = (0L, 0, 0, 0);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < reservations; i++)
        {
            // Fresh ids made outside the timed call: the call is what quotes wait on.
            var id = i < ids.Length ? ids[i] : QuoteIds.New(Start.AddTicks(i));
            var started = Stopwatch.GetTimestamp();
            if (!lease.TryReserve(id, 1.25m, Start + QuoteTimeToLive + TimeSpan.FromTicks(i * spacing)))
            {
                throw new InvalidOperationException($"{name}: reservation {i} was refused.");
            }

            var elapsed = Stopwatch.GetTimestamp() - started;
            (overOneMs, overTenMs) = (overOneMs + (elapsed > Stopwatch.Frequency / 1000 ? 1 : 0), overTenMs + (elapsed > Stopwatch.Frequency / 100 ? 1 : 0));
            if (elapsed > longest)
            {
                (longest, longestAt) = (elapsed, i);
            }

            if ((i + 1) % 500_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {i + 1:N0} reserved, {total.Elapsed.TotalSeconds:F1} s"));
            }
        }

        var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(lease);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} longest reservation {longest * 1000.0 / Stopwatch.Frequency,7:F1} ms (reservation {longestAt + 1:N0}), {overTenMs} over 10 ms, {overOneMs} over 1 ms; {total.Elapsed.TotalMilliseconds * 1000 / reservations:F2} µs a reservation; {held / (double)reservations:F0} bytes held a reservation"));
    }

    /// <summary>The lease's reservations in one map, with a queue in expiry order for release: the design <see cref="LocalBudget"/> replaced.</summary>
    private sealed class OneMapLease : IDiscountBudget
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Guid, (decimal Amount, DateTimeOffset ExpiresAt)> _reservations = new();
        private readonly Queue<(Guid Quote, DateTimeOffset ExpiresAt)> _byExpiry = new();
        private decimal _reserved;

        public decimal Free => decimal.MaxValue / 2 - _reserved;

        public bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt)
        {
            lock (_gate)
            {
                var quote = QuoteIds.Parse(quoteId);
                if (!_reservations.TryAdd(quote, (amount, expiresAt)))
                {
                    return false;
                }

                _byExpiry.Enqueue((quote, expiresAt));
                _reserved += amount;
                return true;
            }
        }
    }
}
