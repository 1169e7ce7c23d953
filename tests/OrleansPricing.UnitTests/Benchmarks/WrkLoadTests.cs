using OrleansPricing.Benchmarks;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class WrkLoadTests
{
    // wrk 4.1's report with --latency, as Debian's package prints it.
    private const string Report = """
        Running 10s test @ http://127.0.0.1:5000
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     4.01ms    2.11ms  30.12ms   78.12%
            Req/Sec     3.60k   245.11     4.10k    70.00%
          Latency Distribution
             50%    3.90ms
             75%    4.80ms
             90%  812.00us
             99%    1.25s
          71450 requests in 10.00s, 60.12MB read
          Socket errors: connect 0, read 2, write 1, timeout 5
          Non-2xx or 3xx responses: 12
        Requests/sec:   7145.00
        Transfer/sec:      6.01MB
        """;

    [Fact]
    public void The_report_gives_answered_and_failed_requests_the_rate_and_the_percentiles_in_milliseconds()
    {
        var summary = WrkLoad.Parse(Report);

        // Failures: non-2xx answers and socket errors of every kind.
        Assert.Equal(new LatencySummary(71_430, 20, 7_145, 3.9, 0.812, 1_250), summary);
    }

    [Fact]
    public void A_clean_run_has_no_failures_and_a_run_in_minutes_is_timed_in_minutes()
    {
        var report = Report.Replace("  Socket errors: connect 0, read 2, write 1, timeout 5\n", "", StringComparison.Ordinal)
            .Replace("  Non-2xx or 3xx responses: 12\n", "", StringComparison.Ordinal)
            .Replace("71450 requests in 10.00s", "71450 requests in 1.00m", StringComparison.Ordinal);

        var summary = WrkLoad.Parse(report);

        Assert.Equal((71_450L, 0L), (summary.Requests, summary.Failures));
        Assert.Equal(71_450 / 60.0, summary.PerSecond, 9);
    }

    [Fact]
    public void A_report_without_a_request_count_is_refused_with_the_report_in_the_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WrkLoad.Parse("unable to connect to 127.0.0.1:5000 Connection refused"));

        Assert.Contains("No request count in wrk's report", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }
}
