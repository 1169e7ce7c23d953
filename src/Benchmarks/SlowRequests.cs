using System.Diagnostics;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The requests of a round that took longer than a bound, grouped into bursts by when they started: a p99 set by one
/// stall (everything waiting on one thing) reads as one dense burst, one set by queueing under load as many small ones.
/// </summary>
public sealed class SlowRequests(long boundTicks, long roundStart)
{
    /// <summary>Slow requests that started within this much of each other belong to one burst.</summary>
    private static readonly long BurstGap = Stopwatch.Frequency / 20;

    private readonly Lock _gate = new();
    private readonly List<(long Start, long Elapsed)> _slow = [];

    public static SlowRequests Over(TimeSpan bound, long roundStart) => new((long)(bound.TotalSeconds * Stopwatch.Frequency), roundStart);

    public void Record(long start, long elapsed)
    {
        if (elapsed > boundTicks)
        {
            lock (_gate)
            {
                _slow.Add((start, elapsed));
            }
        }
    }

    /// <summary>The bursts, largest first: when each began in the round, how many requests, the longest.</summary>
    public IReadOnlyList<(double AtSeconds, int Requests, double LongestMs)> Bursts()
    {
        List<(long Start, long Elapsed)> slow;
        lock (_gate)
        {
            slow = _slow.OrderBy(request => request.Start).ToList();
        }

        var bursts = new List<(double AtSeconds, int Requests, double LongestMs)>();
        for (var first = 0; first < slow.Count;)
        {
            var last = first;
            while (last + 1 < slow.Count && slow[last + 1].Start - slow[last].Start <= BurstGap)
            {
                last++;
            }

            var members = slow.GetRange(first, last - first + 1);
            bursts.Add((
                (double)(slow[first].Start - roundStart) / Stopwatch.Frequency,
                members.Count,
                members.Max(request => request.Elapsed) * 1000.0 / Stopwatch.Frequency));
            first = last + 1;
        }

        return bursts.OrderByDescending(burst => burst.Requests).ToList();
    }

    /// <summary>One line: how many requests passed the bound, in how many bursts, and the three largest.</summary>
    public string Describe(TimeSpan bound)
    {
        var bursts = Bursts();
        var count = bursts.Sum(burst => burst.Requests);
        var largest = string.Join(", ", bursts.Take(3).Select(burst => string.Create(CultureInfo.InvariantCulture,
            $"{burst.Requests} at {burst.AtSeconds:F2} s (longest {burst.LongestMs:F1} ms)")));
        return string.Create(CultureInfo.InvariantCulture,
            $"  Over {bound.TotalMilliseconds:F0} ms: {count} requests in {bursts.Count} bursts{(bursts.Count == 0 ? "" : "; the largest: ")}{largest}");
    }
}
