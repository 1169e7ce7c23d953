using System.Diagnostics;
using HdrHistogram;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// Per-request latencies from many workers in an HdrHistogram (3 significant digits, 1 tick to 1 hour): constant memory
/// however long the run, and lock-free recording.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly LongConcurrentHistogram _ticks = new(1, TimeStamp.Hours(1), 3);
    private long _failures;

    public long Count => _ticks.TotalCount;

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Records one request's latency in <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long elapsedTicks) => _ticks.RecordValue(Math.Max(1, elapsedTicks));

    public void Fail() => Interlocked.Increment(ref _failures);

    public LatencySummary Summarize(TimeSpan elapsed)
    {
        var count = _ticks.TotalCount;
        double Percentile(double p) => count == 0 ? double.NaN : _ticks.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        return new LatencySummary(count, Failures, count / elapsed.TotalSeconds, Percentile(50), Percentile(90), Percentile(99));
    }
}

public sealed record LatencySummary(long Requests, long Failures, double PerSecond, double P50Ms, double P90Ms, double P99Ms)
{
    public override string ToString() =>
        $"{PerSecond,9:F0} per s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  ({Requests} ok, {Failures} failed)";
}
