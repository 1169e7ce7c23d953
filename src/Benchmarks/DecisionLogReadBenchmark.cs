using System.Diagnostics;
using System.Globalization;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// What a learning run pays to read a folder that has logged for days: the same decisions written through
/// <see cref="FolderDecisionLogStore"/> as it writes them (a file an hour) and as one file (the store's earlier form, and
/// a log an operator concatenated), read for the same window three ways, alternated: the one file, read and parsed
/// whole; the hourly files of the window; and the hourly files as a run reads them, newest first until they hold the
/// labelled decisions it learns from (<c>Learning:MaxDecisions</c>).
/// </summary>
public static class DecisionLogReadBenchmark
{
    private const string Silo = "bench";

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var pricing = new PricingOptions();
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(pricing.ModelPath));
        var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var start = end.AddDays(-settings.Days);
        var total = settings.Days * 24 * settings.ArrivalsPerHour;
        var root = Path.Combine(Path.GetTempPath(), $"decision-log-read-{Guid.NewGuid():N}");
        var (hourly, oneFile) = (Path.Combine(root, "hourly"), Path.Combine(root, "one-file"));
        var oneFilePath = Path.Combine(oneFile, $"{FolderDecisionLogStore.PrefixOf(DecisionLogKind.Decisions)}{Silo}.csv");
        Directory.CreateDirectory(oneFile);
        try
        {
            var clock = new SimulationClock(start);
            var store = new FolderDecisionLogStore(hourly, clock);
            await store.OpenAsync(Silo, CancellationToken.None);
            await File.WriteAllTextAsync(oneFilePath, FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions) + Environment.NewLine);
            var write = Stopwatch.StartNew();
            // Every decision carries a full window of the customer's newest events, as the silos log them.
            var random = new Random(settings.Seed);
            var decisions = DecisionLogSimulator.Simulate(truth, total, 0.05, settings.Seed, pricing.DiscountGrid, start, TimeSpan.FromHours(1.0 / settings.ArrivalsPerHour))
                .Select(d => d with { Purchased = null, Customer = d.Customer with { RecentEvents = LearningBenchmark.Window(d.Timestamp, random) } });
            foreach (var hour in decisions.Chunk(settings.ArrivalsPerHour).Select((rows, index) => (Rows: rows, Index: index)))
            {
                var text = new StringWriter(CultureInfo.InvariantCulture);
                using (var rows = DecisionLogCsv.RowWriter(text))
                {
                    foreach (var decision in hour.Rows)
                    {
                        DecisionLogCsv.WriteDecision(rows, decision);
                    }
                }

                clock.Set(start.AddHours(hour.Index));
                var hourRows = text.ToString();
                await store.AppendAsync(DecisionLogKind.Decisions, Silo, hourRows.AsMemory(), CancellationToken.None);
                await File.AppendAllTextAsync(oneFilePath, hourRows);
                if ((hour.Index + 1) % 24 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wrote day {(hour.Index + 1) / 24} of {settings.Days} ({write.Elapsed.TotalSeconds:F1} s)"));
                }
            }

            var since = end.AddHours(-settings.WindowHours);
            var learning = new LearningOptions();
            var megabytes = new FileInfo(oneFilePath).Length / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {total:N0} decisions over {settings.Days} days ({megabytes:N0} MB; {Directory.GetFiles(hourly).Length} hourly files); reading a window of {settings.WindowHours} h three ways, each three times, alternated:"));
            var forms = new (string Name, Func<Task<IReadOnlyList<DecisionRecord>>> Read)[]
            {
                ("one file", () => Task.FromResult(DecisionLogFolder.Read(oneFile, end, pricing.QuoteTimeToLive, since: since))),
                ("hourly files, the window", () => store.ReadAsync(end, pricing.QuoteTimeToLive, since, int.MaxValue, CancellationToken.None)),
                ($"hourly files, the newest {learning.MaxDecisions:N0} labelled", () => store.ReadAsync(end, pricing.QuoteTimeToLive, since, learning.MaxDecisions, CancellationToken.None)),
            };
            var figures = forms.ToDictionary(form => form.Name, _ => new List<(double Seconds, double Megabytes)>());
            for (var round = 0; round < 3; round++)
            {
                foreach (var (name, read) in forms)
                {
                    var figure = await MeasureAsync(read);
                    figures[name].Add((figure.Seconds, figure.Megabytes));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {name}: {figure.Decisions:N0} decisions read in {figure.Seconds:F2} s, {figure.Megabytes:N0} MB allocated, {figure.Collections} collections (gen0/1/2), paused {figure.Paused.TotalSeconds:F2} s"));
                }
            }

            // The first round warms the JIT up: the figures compared are the two rounds after it, averaged.
            double Mean(string name, Func<(double Seconds, double Megabytes), double> of) => figures[name].Skip(1).Average(of);
            var baseline = forms[0].Name;
            foreach (var (name, _) in forms.Skip(1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} against {baseline} (rounds 2–3): {Mean(name, f => f.Seconds):F2} s against {Mean(baseline, f => f.Seconds):F2} s ({Mean(baseline, f => f.Seconds) / Mean(name, f => f.Seconds):F1} times as fast), {Mean(name, f => f.Megabytes):N0} MB against {Mean(baseline, f => f.Megabytes):N0} MB allocated."));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// One read, from a full collection on. The decisions read are dropped on return: were they kept (as a local of the
    /// caller's async method would be, across the next read), each read would run on a heap holding the one before,
    /// and the garbage collector's work would differ by the form read before it.
    /// </summary>
    private static async Task<(int Decisions, double Seconds, double Megabytes, string Collections, TimeSpan Paused)> MeasureAsync(
        Func<Task<IReadOnlyList<DecisionRecord>>> read)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var paused = GC.GetTotalPauseDuration();
        var timer = Stopwatch.StartNew();
        var decisions = (await read()).Count;
        var seconds = timer.Elapsed.TotalSeconds;
        return (decisions, seconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6,
            string.Join('/', Enumerable.Range(0, 3).Select(generation => GC.CollectionCount(generation) - collections[generation])), GC.GetTotalPauseDuration() - paused);
    }
}
