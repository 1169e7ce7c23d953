using System.Diagnostics;
using System.Globalization;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Scoring;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// Raw ONNX Runtime with callers sharing one session, as a silo's concurrent batches share the active version's: quotes a
/// second and CPU per quote by number of callers, each scoring one quote a call, with ONNX Runtime's CPU memory arena on
/// and off. The two settings alternate at each caller count, so that a machine's drift falls on both alike.
/// </summary>
public static class SessionSharingBenchmark
{
    private const int Rounds = 2;

    public static int Run(BenchmarkSettings settings)
    {
        var ensemble = ScoringBenchmark.BenchmarkEnsemble();
        var models = new (string Name, byte[] Onnx)[]
        {
            ("LightGBM 3.0.0 (shipped)", File.ReadAllBytes(ModelFiles.Resolve(ScoringBenchmark.ShippedTreeModel))),
            ("ensemble, trunk on distinct rows", EnsembleOnnx.Export(ensemble, "ensemble")),
            ("ensemble, trunk on every row", EnsembleOnnx.Export(ensemble, "ensemble", distinctRows: false)),
        };
        var callerCounts = CallerCounts(Environment.ProcessorCount);
        var quote = ScoringBenchmark.RandomQuoteRows(1, 3);
        Console.WriteLine($"One quote ({quote.Length / FeatureDefinition.Count} rows) a call, {settings.Duration.TotalSeconds:F0} s a measurement, {Rounds} rounds of each setting; quotes/s (CPU µs a quote):");
        Console.WriteLine();
        Console.WriteLine($"| model | CPU memory arena | {string.Join(" | ", callerCounts.Select(n => $"{n} caller{(n == 1 ? "" : "s")}"))} |");
        Console.WriteLine($"|---|---|{string.Concat(callerCounts.Select(_ => "---:|"))}");
        foreach (var (name, onnx) in models)
        {
            using var withArena = OnnxScorer.Load(onnx, "sharing", new ScoringOptions { ExecutionProvider = settings.Provider, CpuMemoryArena = true, CudaTrunkOnEveryRow = false });
            using var withoutArena = OnnxScorer.Load(onnx, "sharing", new ScoringOptions { ExecutionProvider = settings.Provider, CpuMemoryArena = false, CudaTrunkOnEveryRow = false });
            var (on, off) = (new List<Figure>(), new List<Figure>());
            foreach (var callers in callerCounts)
            {
                var (onRounds, offRounds) = (new List<Figure>(), new List<Figure>());
                for (var round = 0; round < Rounds; round++)
                {
                    onRounds.Add(Shared(withArena, quote, callers, settings.Duration));
                    offRounds.Add(Shared(withoutArena, quote, callers, settings.Duration));
                }

                on.Add(Mean(onRounds));
                off.Add(Mean(offRounds));
            }

            Console.WriteLine($"| {name} | on | {string.Join(" | ", on.Select(Cell))} |");
            Console.WriteLine($"| {name} | off | {string.Join(" | ", off.Select(Cell))} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | off against on | {string.Join(" | ", on.Zip(off, (a, b) => $"{b.QuotesPerSecond / a.QuotesPerSecond:F2}x"))} |"));
        }

        return 0;
    }

    /// <summary>1, 2, 4, … up to the cores, and the cores themselves.</summary>
    private static int[] CallerCounts(int cores)
    {
        var counts = new List<int>();
        for (var n = 1; n < cores; n *= 2)
        {
            counts.Add(n);
        }

        counts.Add(cores);
        return [.. counts];
    }

    /// <summary>Quotes a second over a measurement and the process's CPU a quote.</summary>
    private readonly record struct Figure(double QuotesPerSecond, double CpuMicroseconds);

    private static Figure Shared(OnnxScorer scorer, float[] rows, int callers, TimeSpan duration)
    {
        var rowCount = rows.Length / FeatureDefinition.Count;
        scorer.Score(rows, rowCount);
        var calls = new long[callers];
        using var start = new Barrier(callers + 1);
        var stopwatch = new Stopwatch();
        var threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
        {
            start.SignalAndWait();
            var done = 0L;
            while (stopwatch.Elapsed < duration)
            {
                scorer.Score(rows, rowCount);
                done++;
            }

            calls[c] = done;
        })).ToList();
        threads.ForEach(thread => thread.Start());
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        stopwatch.Start();
        start.SignalAndWait();
        threads.ForEach(thread => thread.Join());
        var seconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var quotes = calls.Sum();
        return new Figure(quotes / seconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / Math.Max(1, quotes));
    }

    private static Figure Mean(List<Figure> rounds) => new(rounds.Average(r => r.QuotesPerSecond), rounds.Average(r => r.CpuMicroseconds));

    private static string Cell(Figure figure) =>
        string.Create(CultureInfo.InvariantCulture, $"{figure.QuotesPerSecond:N0} ({figure.CpuMicroseconds:F0})");
}
