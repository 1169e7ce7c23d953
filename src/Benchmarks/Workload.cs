using OrleansPricing.Contracts.Scoring;
using System.Diagnostics;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>Runs an operation from many concurrent callers for a fixed time and summarizes latency, with progress lines.</summary>
public static class Workload
{
    /// <param name="otherCpu">CPU time of other processes the workload loads (Azurite): their share is printed too.</param>
    /// <param name="total">Also records every latency and failure here, to summarize several rounds of one path together.</param>
    public static async Task<LatencySummary> RunAsync(
        string name, int concurrency, TimeSpan duration, Func<Random, Task> operation, Func<TimeSpan>? otherCpu = null, LatencyRecorder? total = null)
    {
        var recorder = new LatencyRecorder();
        using var cpu = new PhaseCpu(otherCpu);
        var stopwatch = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {stopwatch.Elapsed.TotalSeconds,5:F1} s, {recorder.Count} done")), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(random);
                    var elapsed = Stopwatch.GetTimestamp() - start;
                    recorder.Record(elapsed);
                    total?.Record(elapsed);
                }
                catch (Exception exception) when (exception is HttpRequestException or OrleansException or TimeoutException
                    or Scoring.ScoringOverloadedException or Scoring.ScoringDeadlineExceededException or ScoringUnavailableException)
                {
                    recorder.Fail();
                    total?.Fail();
                }
            }
        })));
        var summary = recorder.Summarize(stopwatch.Elapsed);
        Console.WriteLine($"{name,-34} {summary}");
        // The load generator, the gateway and the silo share this process, so their shares are reported together.
        Console.WriteLine(cpu.Describe(summary.Requests, "load generator, gateway, silo"));

        return summary;
    }
}
