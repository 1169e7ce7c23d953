using OrleansPricing.Contracts.Scoring;
using System.Diagnostics;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>Runs an operation from many concurrent callers for a fixed time and summarizes latency, with progress lines.</summary>
public static class Workload
{
    public static async Task<LatencySummary> RunAsync(string name, int concurrency, TimeSpan duration, Func<Random, Task> operation)
    {
        var recorder = new LatencyRecorder();
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
                    recorder.Record(start);
                }
                catch (Exception exception) when (exception is HttpRequestException or OrleansException or TimeoutException
                    or Scoring.ScoringOverloadedException or Scoring.ScoringDeadlineExceededException or ScoringUnavailableException)
                {
                    recorder.Fail();
                }
            }
        })));
        var summary = recorder.Summarize(stopwatch.Elapsed);
        Console.WriteLine($"{name,-34} {summary}");
        return summary;
    }
}
