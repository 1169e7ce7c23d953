using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansPricing.Benchmarks;

/// <summary>Collects per-request latencies from many workers and summarizes them.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private long _failures;

    public int Count => _milliseconds.Count;

    public long Failures => Interlocked.Read(ref _failures);

    public void Record(long startTimestamp) => _milliseconds.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void Fail() => Interlocked.Increment(ref _failures);

    public LatencySummary Summarize(TimeSpan elapsed)
    {
        var sorted = _milliseconds.ToArray();
        Array.Sort(sorted);
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, Failures, sorted.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.90), Percentile(0.99));
    }
}

public sealed record LatencySummary(int Requests, long Failures, double PerSecond, double P50Ms, double P90Ms, double P99Ms)
{
    public override string ToString() =>
        $"{PerSecond,9:F0} quotes/s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  ({Requests} ok, {Failures} failed)";
}
