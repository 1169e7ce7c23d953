using OrleansPricing.Contracts.Scoring;
using System.Diagnostics;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>Runs an operation from many concurrent callers for a fixed time and summarizes latency, with progress lines.</summary>
public static class Workload
{
    /// <summary>The bound on a quote's p99: requests slower than it are reported by burst.</summary>
    private static readonly TimeSpan SlowBound = TimeSpan.FromMilliseconds(20);

    private static readonly GcPauses Pauses = new();

    /// <param name="otherCpu">CPU time of other processes the workload loads (Azurite): their share is printed too.</param>
    /// <param name="total">Also records every latency and failure here, to summarize several rounds of one path together.</param>
    /// <param name="ratePerSecond">Requests a second the workers offer together (<see cref="OpenLoopSchedule"/>); null = each
    /// worker sends its next request as soon as its last is answered (a closed loop: the most the service answers).</param>
    /// <param name="selfRole">What runs in this process, for its CPU line.</param>
    public static async Task<LatencySummary> RunAsync(
        string name, int concurrency, TimeSpan duration, Func<Random, Task> operation, Func<TimeSpan>? otherCpu = null, LatencyRecorder? total = null,
        double? ratePerSecond = null, string selfRole = "load generator, gateway, silo")
    {
        var recorder = new LatencyRecorder();
        using var cpu = new PhaseCpu(otherCpu);
        var stopwatch = Stopwatch.StartNew();
        var schedule = ratePerSecond is { } rate ? new OpenLoopSchedule(Stopwatch.GetTimestamp(), rate, concurrency, Stopwatch.Frequency) : null;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var slow = SlowRequests.Over(SlowBound, Stopwatch.GetTimestamp());
        var startedAt = DateTime.UtcNow;
        using var progress = new Timer(_ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {stopwatch.Elapsed.TotalSeconds,5:F1} s, {recorder.Count} done")), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            var freeAt = Stopwatch.GetTimestamp();
            for (long sequence = 0; stopwatch.Elapsed < duration; sequence++)
            {
                var start = Stopwatch.GetTimestamp();
                if (schedule is not null)
                {
                    var beat = schedule.Beat(worker, sequence);
                    if (beat >= end)
                    {
                        break;
                    }

                    if (beat > start)
                    {
                        await Task.Delay(Stopwatch.GetElapsedTime(start, beat));
                        start = Stopwatch.GetTimestamp();
                    }

                    start = OpenLoopSchedule.LatencyStart(beat, freeAt, start);
                }

                try
                {
                    await operation(random);
                    var elapsed = Stopwatch.GetTimestamp() - start;
                    recorder.Record(elapsed);
                    total?.Record(elapsed);
                    slow.Record(start, elapsed);
                }
                catch (Exception exception) when (IsFailedRequest(exception))
                {
                    recorder.Fail();
                    total?.Fail();
                }

                freeAt = Stopwatch.GetTimestamp();
            }
        })));
        var summary = recorder.Summarize(stopwatch.Elapsed);
        Console.WriteLine($"{name,-34} {summary}{(ratePerSecond is { } offered ? string.Create(CultureInfo.InvariantCulture, $"  offered {offered:F0} per s") : "")}");
        Console.WriteLine(cpu.Describe(summary.Requests, selfRole));
        Console.WriteLine(slow.Describe(SlowBound));
        Console.WriteLine(Pauses.Describe(startedAt));

        return summary;
    }

    /// <summary>A request the service failed or refused (counted as a failure), as opposed to a fault of the benchmark.</summary>
    public static bool IsFailedRequest(Exception exception) =>
        exception is HttpRequestException or OrleansException or TimeoutException
            or Scoring.ScoringOverloadedException or Scoring.ScoringDeadlineExceededException or ScoringUnavailableException;
}
