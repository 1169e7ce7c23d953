using System.Diagnostics;
using OrleansPricing.Benchmarks;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class SlowRequestsTests
{
    private static long Ms(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);

    [Fact]
    public void Slow_requests_that_started_close_together_make_one_burst_and_fast_ones_are_left_out()
    {
        var roundStart = Ms(10_000);
        var slow = SlowRequests.Over(TimeSpan.FromMilliseconds(20), roundStart);
        // A stall at 1 s into the round: four requests started 10 ms apart, each held 30–60 ms.
        foreach (var (at, took) in new[] { (1000.0, 60.0), (1010, 50), (1020, 40), (1030, 30) })
        {
            slow.Record(roundStart + Ms(at), Ms(took));
        }

        slow.Record(roundStart + Ms(3000), Ms(25)); // alone, 2 s later
        slow.Record(roundStart + Ms(3010), Ms(20)); // not over the bound
        slow.Record(roundStart + Ms(500), Ms(5));

        var bursts = slow.Bursts();

        Assert.Equal(2, bursts.Count);
        Assert.Equal(4, bursts[0].Requests);
        Assert.Equal(1.0, bursts[0].AtSeconds, 3);
        Assert.Equal(60.0, bursts[0].LongestMs, 3);
        Assert.Equal((3.0, 1, 25.0), (Math.Round(bursts[1].AtSeconds, 3), bursts[1].Requests, Math.Round(bursts[1].LongestMs, 3)));
        Assert.Equal("  Over 20 ms: 5 requests in 2 bursts; the largest: 4 at 1.00 s (longest 60.0 ms), 1 at 3.00 s (longest 25.0 ms)",
            slow.Describe(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Requests_more_than_the_gap_apart_are_separate_bursts()
    {
        var slow = SlowRequests.Over(TimeSpan.FromMilliseconds(20), 0);
        slow.Record(Ms(100), Ms(30));
        slow.Record(Ms(151), Ms(30)); // 51 ms later: past the 50 ms gap

        Assert.Equal([1, 1], slow.Bursts().Select(burst => burst.Requests));
        Assert.Equal("  Over 20 ms: 0 requests in 0 bursts", SlowRequests.Over(TimeSpan.FromMilliseconds(20), 0).Describe(TimeSpan.FromMilliseconds(20)));
    }
}
