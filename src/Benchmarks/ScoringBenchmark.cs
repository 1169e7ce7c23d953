using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Scoring;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The scoring pool in one run: raw ONNX Runtime throughput at batch sizes 1, 8, 64, 512; unbatched vs micro-batched
/// scoring under 64 concurrent callers; the grain pool against raw ONNX Runtime at the pool's own mean batch size; and
/// end-to-end quotes by grain calls and through the HTTP gateway with the shipped tree model, the default ensemble and the
/// large network. Prints which execution provider served and, off the CPU, how far each model's probabilities are from a
/// CPU session's.
/// </summary>
public static class ScoringBenchmark
{
    /// <summary>One quote's rows: 3 SKUs x 7 discount levels.</summary>
    private const int RowsPerRequest = 21;

    internal const string ShippedTreeModel = "models/lightgbm-purchase-3.0.0.onnx";

    public static async Task RunAsync(BenchmarkSettings settings)
    {
        // The shipped tree model: batching pays for it, unlike for the one-matrix-product logistic prior the registry starts with.
        // Each graph as exported: under CUDA the service would serve the distinct rows' graph on every row too.
        var options = new ScoringOptions { ExecutionProvider = settings.Provider, InitialModelPath = ShippedTreeModel, CudaTrunkOnEveryRow = false };
        if (settings.MaxDelayMicroseconds is { } delay)
        {
            options.MaxQueueDelay = TimeSpan.FromTicks(delay * 10L);
        }

        if (settings.MaxBatchRows is { } maxBatch)
        {
            options.MaxBatchRows = maxBatch;
        }
        var model = File.ReadAllBytes(ModelFiles.Resolve(options.InitialModelPath));
        using var scorer = OnnxScorer.Load(model, "3.0.0", options);
        Console.WriteLine($"Execution provider: {scorer.Provider.Provider}{(scorer.Provider.FallbackReason is { } reason ? $" (fallback: {reason.Split(':')[0]}: {reason[(reason.LastIndexOf(':') + 1)..].Trim()})" : "")}");
        Console.WriteLine($"Model: {options.InitialModelPath} ({model.Length / 1024} KiB), {Environment.ProcessorCount} cores, intra-op threads {options.IntraOpThreads}");

        var ensemble = BenchmarkEnsemble();
        var largeNetwork = BenchmarkNetwork(LargeNetworkShape);
        var unbatched = settings.QuotesOnly ? null : await RawPhasesAsync(settings, options, model, scorer, ensemble, largeNetwork);
        await ClusterPhasesAsync(settings, scorer, ensemble, largeNetwork, unbatched);
    }

    /// <summary>The large model of the design card, the network meant for GPU serving (<c>Learning:NetworkLayers</c> 512, 512).</summary>
    private static readonly NetworkShape LargeNetworkShape = new([512, 512], 4);

    private static string NameOf(NetworkShape shape, ResponseNetwork network) =>
        $"response network {string.Join('×', shape.Layers)} ({network.ParameterCount:N0} parameters)";

    /// <summary>A network of the shape, trained for one epoch on seeded noise: its speed, not its answers, is measured.</summary>
    private static ResponseNetwork BenchmarkNetwork(NetworkShape shape) =>
        ResponseNetwork.Train(RandomRows(2000, 99), [.. Enumerable.Range(0, 2000).Select(i => i % 7 == 0)], [.. Enumerable.Repeat(1.0, 2000)], 1, shape, epochs: 1);

    /// <summary>
    /// Raw ONNX Runtime by batch size and model, the CUDA parity table, the quote-shaped graphs, and unbatched against
    /// micro-batched scoring; returns the unbatched 21-row figure for the closing table.
    /// </summary>
    private static async Task<LatencySummary> RawPhasesAsync(
        BenchmarkSettings settings, ScoringOptions options, byte[] model, OnnxScorer scorer, EnsembleModel ensemble, ResponseNetwork largeNetwork)
    {
        // A graph as a silo on this provider loads it with the service's own settings: under CUDA, a network's trunk on
        // the distinct rows rewritten to every row (Scoring:CudaTrunkOnEveryRow); the exported graphs below are not.
        var servedOptions = new ScoringOptions { ExecutionProvider = settings.Provider };
        Console.WriteLine();
        Console.WriteLine("| raw ONNX Runtime batch | rows/s | calls/s | µs per call |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var batch in new[] { 1, 8, 64, 128, 256, 512 })
        {
            var (rowsPerSecond, callsPerSecond) = Raw(scorer, batch, TimeSpan.FromSeconds(Math.Max(2, settings.Duration.TotalSeconds / 4)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {batch} | {rowsPerSecond:F0} | {callsPerSecond:F0} | {1e6 / callsPerSecond:F1} |"));
        }

        // The deep response network against the tree model, raw ONNX Runtime rows/s by batch size, same provider and run.
        var sizes = new[] { 1, 64, 512, 4096 };
        var compared = new List<(string Name, byte[] Onnx, OnnxScorer Scorer)> { ("LightGBM 3.0.0 (shipped)", model, scorer) };
        void Compare(string name, byte[] onnx, string version) => compared.Add((name, onnx, OnnxScorer.Load(onnx, version, options)));
        var defaultNetwork = BenchmarkNetwork(NetworkShape.Default);
        Compare(NameOf(NetworkShape.Default, defaultNetwork), ResponseNetworkOnnx.Export(defaultNetwork, "network"), "network");
        Compare(NameOf(LargeNetworkShape, largeNetwork), ResponseNetworkOnnx.Export(largeNetwork, "network"), "network");

        // What the learning service trains and serves by default: the segment model, the interaction model and three default
        // networks, averaged; and the same without the segment model (the ensemble before 2026-12-03), its cost's baseline.
        Compare($"ensemble: segment model, interaction model and {EnsembleModel.Networks} networks {string.Join('×', NetworkShape.Default.Layers)}",
            LogisticOnnx.Export(ensemble, "ensemble"), "ensemble");
        var withoutSegments = new EnsembleModel([.. ensemble.Parts.Where(part => part.Model is not SegmentResponseModel)]);
        Compare("ensemble without the segment model", LogisticOnnx.Export(withoutSegments, "ensemble-without-segments"), "ensemble-without-segments");
        Compare("segment model alone", LogisticOnnx.Export(ensemble.Segments, "segments"), "segments");
        Compare("interaction model alone", LogisticOnnx.Export(ensemble.Interactions, "interactions"), "interactions");
        var interactionsAlone = compared[^1].Scorer;

        Console.WriteLine();
        Console.WriteLine($"| raw ONNX Runtime rows/s | {string.Join(" | ", sizes.Select(size => $"batch {size}"))} |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---:|"))}");
        foreach (var (name, _, candidate) in compared)
        {
            var figures = sizes.Select(size => Raw(candidate, size, TimeSpan.FromSeconds(Math.Max(1, settings.Duration.TotalSeconds / 8))).RowsPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", figures.Select(f => f.ToString("N0", CultureInfo.InvariantCulture)))} |"));
        }

        // Off the CPU, the same graphs must give the CPU provider's probabilities: the largest difference on quote-shaped
        // rows and on random ones, against a CPU session of the same file.
        if (scorer.Provider.Provider != ExecutionProviderChoice.Cpu)
        {
            var cpu = new ScoringOptions { ExecutionProvider = "cpu" };
            var quoteRows = RandomQuoteRows(16, 5);
            var randomRows = RandomRows(4096, 6);
            Console.WriteLine();
            Console.WriteLine($"| {scorer.Provider.Provider} against the CPU provider | largest difference, 16 quotes' rows | largest difference, 4,096 random rows |");
            Console.WriteLine("|---|---:|---:|");
            var everyRow = EnsembleOnnx.Export(ensemble, "ensemble-every-row", distinctRows: false);
            using var everyRowScorer = OnnxScorer.Load(everyRow, "ensemble-every-row", options);
            // The distinct rows' graph as a silo on this provider serves it, with the service's own settings.
            var distinct = EnsembleOnnx.Export(ensemble, "ensemble-served");
            using var servedScorer = OnnxScorer.Load(distinct, "ensemble-served", servedOptions);
            foreach (var (name, onnx, candidate) in compared.Append(("ensemble, networks' trunk on every row", everyRow, everyRowScorer))
                .Append(($"ensemble as the silos serve it (trunk rewritten to every row: {servedScorer.TrunkOnEveryRow})", distinct, servedScorer)))
            {
                using var reference = OnnxScorer.Load(onnx, candidate.Version, cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {LargestDifference(candidate, reference, quoteRows):G3} | {LargestDifference(candidate, reference, randomRows):G3} |"));
            }
        }

        // A network's trunk reads only the columns before the discount, so on a quote's rows (each SKU at every level) it
        // runs once a SKU; the same graphs running it on every row (before 2026-12-02) are the baseline, in the same run
        // and alternated, so that a machine's drift falls on both alike.
        {
            var network = ensemble.ResponseNetworks.First();
            var slice = TimeSpan.FromSeconds(Math.Max(0.5, settings.Duration.TotalSeconds / 16));
            // Where a silo rewrites the distinct rows' graph as it loads it (under CUDA), the rewritten graph too, so that
            // the rewrite's own speed is measured beside the every-row export's.
            OnnxScorer? Rewritten(byte[] onnx, string version)
            {
                var loaded = OnnxScorer.Load(onnx, version, servedOptions);
                if (loaded.TrunkOnEveryRow)
                {
                    return loaded;
                }

                loaded.Dispose();
                return null;
            }

            var pairs = new (string Name, OnnxScorer Distinct, OnnxScorer Every, OnnxScorer? Rewritten)[]
            {
                ($"response network {string.Join('×', NetworkShape.Default.Layers)}",
                    OnnxScorer.Load(ResponseNetworkOnnx.Export(network, "network"), "network", options),
                    OnnxScorer.Load(ResponseNetworkOnnx.Export(network, "network", distinctRows: false), "network", options),
                    Rewritten(ResponseNetworkOnnx.Export(network, "network"), "network")),
                ("ensemble (segment model, interaction model and 3 networks)",
                    OnnxScorer.Load(EnsembleOnnx.Export(ensemble, "ensemble"), "ensemble", options),
                    OnnxScorer.Load(EnsembleOnnx.Export(ensemble, "ensemble", distinctRows: false), "ensemble", options),
                    Rewritten(EnsembleOnnx.Export(ensemble, "ensemble"), "ensemble")),
            };
            Console.WriteLine();
            Console.WriteLine($"Quote-shaped rows ({QuoteSkus} SKUs x {QuoteLevels} levels a quote), raw ONNX Runtime, µs per quote (rows/s in brackets); the trunk on the distinct rows against every row:");
            Console.WriteLine();
            Console.WriteLine($"| model | {string.Join(" | ", QuoteBatches.Select(quotes => $"{quotes} quote{(quotes == 1 ? "" : "s")} a batch"))} |");
            Console.WriteLine($"|---|{string.Concat(QuoteBatches.Select(_ => "---:|"))}");
            foreach (var (name, distinct, every, rewritten) in pairs)
            {
                var figures = QuoteBatches.Select(quotes =>
                {
                    var batch = RandomQuoteRows(quotes, quotes);
                    var (distinctRate, everyRate, rewrittenRate) = (0.0, 0.0, 0.0);
                    for (var round = 0; round < 3; round++)
                    {
                        distinctRate += Raw(distinct, batch, slice).RowsPerSecond / 3;
                        everyRate += Raw(every, batch, slice).RowsPerSecond / 3;
                        rewrittenRate += rewritten is null ? 0 : Raw(rewritten, batch, slice).RowsPerSecond / 3;
                    }

                    return (Distinct: distinctRate, Every: everyRate, Rewritten: rewrittenRate);
                }).ToList();
                string PerQuote(double rowsPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{1e6 * QuoteSkus * QuoteLevels / rowsPerSecond:F1} ({rowsPerSecond:N0})");
                Console.WriteLine($"| {name}, trunk on distinct rows | {string.Join(" | ", figures.Select(f => PerQuote(f.Distinct)))} |");
                Console.WriteLine($"| {name}, trunk on every row | {string.Join(" | ", figures.Select(f => PerQuote(f.Every)))} |");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name}: speed-up | {string.Join(" | ", figures.Select(f => $"{f.Distinct / f.Every:F2}x"))} |"));
                if (rewritten is not null)
                {
                    Console.WriteLine($"| {name}, distinct rows rewritten to every row as a silo loads it | {string.Join(" | ", figures.Select(f => PerQuote(f.Rewritten)))} |");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name}: rewritten against the every-row export | {string.Join(" | ", figures.Select(f => $"{f.Rewritten / f.Every:F2}x"))} |"));
                }

                distinct.Dispose();
                every.Dispose();
                rewritten?.Dispose();
            }

            var alone = QuoteBatches.Select(quotes => Raw(interactionsAlone, RandomQuoteRows(quotes, quotes), slice).RowsPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| interaction model alone | {string.Join(" | ", alone.Select(rate => $"{1e6 * QuoteSkus * QuoteLevels / rate:F1} ({rate:N0})"))} |"));
        }

        foreach (var (_, _, network) in compared.Skip(1))
        {
            network.Dispose();
        }

        const int callers = Callers;
        LatencySummary unbatched = null!;
        foreach (var rowsPerRequest in new[] { 1, RowsPerRequest })
        {
            Console.WriteLine();
            var requests = Enumerable.Range(0, callers).Select(i => RandomRows(rowsPerRequest, i)).ToArray();
            var alone = await Workload.RunAsync($"unbatched: 64 callers x {rowsPerRequest} rows", callers, settings.Duration, r =>
            {
                scorer.Score(requests[r.Next(callers)], rowsPerRequest);
                return Task.CompletedTask;
            });
            unbatched = alone;
            using var active = new ActiveModel();
            active.Activate(OnnxScorer.Load(model, "2.0.0", options));
            using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var metrics = new ScoringMetrics(() => active.Provider?.Provider, meters.GetRequiredService<IMeterFactory>());
            await using var batcher = new MicroBatcher(active, options, TimeProvider.System, metrics, NullLogger.Instance);
            var batched = await Workload.RunAsync($"micro-batched: 64 callers x {rowsPerRequest} rows", callers, settings.Duration, r =>
                batcher.ScoreAsync(requests[r.Next(callers)]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Micro-batching with {rowsPerRequest}-row requests: {batched.PerSecond / alone.PerSecond:F1}x the unbatched throughput (target >= 3x); mean batch {metrics.MeanBatchRows:F0} rows (max {options.MaxBatchRows}), max delay {options.MaxQueueDelay.TotalMilliseconds} ms."));
        }

        return unbatched;
    }

    /// <summary>Callers of the unbatched, micro-batched and grain pool phases.</summary>
    private const int Callers = 64;

    /// <summary>
    /// The embedded cluster: the grain pool against raw ONNX Runtime at the pool's mean batch, then quotes by grain calls
    /// and through HTTP with the shipped tree model, the default ensemble and the large network, each activated in the
    /// registry as a learned version would be.
    /// </summary>
    private static async Task ClusterPhasesAsync(
        BenchmarkSettings settings, OnnxScorer scorer, EnsembleModel ensemble, ResponseNetwork largeNetwork, LatencySummary? unbatched)
    {
        const int callers = Callers;
        var requestRows = Enumerable.Range(0, callers).Select(i => RandomRows(RowsPerRequest, i)).ToArray();
        await using var cluster = await EmbeddedCluster.StartAsync("onnx", builder => ConfigureCluster(builder.Configuration, settings));
        var registry = cluster.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);
        while ((await registry.GetAsync()).Silos.All(silo => silo.ActiveVersion is null))
        {
            await Task.Delay(200);
        }

        // The quote phases' figures are the provider's the raw phases name, or the run says it is not.
        var served = (await registry.GetAsync()).Silos.Select(silo => silo.Provider).Distinct().ToList();
        if (served is not [var clusterProvider] || clusterProvider != scorer.Provider.Provider)
        {
            throw new InvalidOperationException($"The cluster's silos serve on {string.Join(", ", served)}, the raw phases ran on {scorer.Provider.Provider}.");
        }

        var arena = cluster.Services.GetRequiredService<IOptions<ScoringOptions>>().Value.CpuMemoryArena;
        Console.WriteLine($"The cluster's silos serve on {clusterProvider}, the CPU memory arena {(arena ? "on" : "off")} (Scoring:CpuMemoryArena).");

        var pool = cluster.Grains;
        var poolMetrics = cluster.Services.GetRequiredService<ScoringMetrics>();
        await Workload.RunAsync("warm-up (grain pool)", callers, TimeSpan.FromSeconds(2), r =>
            pool.GetGrain<IScoringGrain>(0).ScoreAsync(requestRows[r.Next(callers)].AsImmutable()));
        var (batchesBefore, rowsBefore) = (poolMetrics.Batches, poolMetrics.Rows);
        var viaPool = await Workload.RunAsync("grain pool: 64 callers", callers, settings.Duration, r =>
            pool.GetGrain<IScoringGrain>(0).ScoreAsync(requestRows[r.Next(callers)].AsImmutable()));
        var meanBatch = (double)(poolMetrics.Rows - rowsBefore) / Math.Max(1, poolMetrics.Batches - batchesBefore);
        var (rawAtPoolBatch, _) = Raw(scorer, Math.Max(1, (int)Math.Round(meanBatch)), TimeSpan.FromSeconds(3));
        var poolRows = viaPool.PerSecond * RowsPerRequest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Grain pool: {poolRows:F0} rows/s at a mean batch of {meanBatch:F0} rows; raw ONNX Runtime at that batch size: {rawAtPoolBatch:F0} rows/s -> {poolRows / rawAtPoolBatch:P0} (target >= 50%)."));

        var (direct, viaHttp) = await QuoteBenchmark.RunAsync(cluster, settings, "onnx");

        // Quotes priced by what the learning service serves by default, an ensemble, then by the large network, each
        // activated in the registry as a learned version would be: its networks' trunk on the distinct rows, then on every
        // row (the baseline on a CPU silo, and what a CUDA silo serves: the CUDA provider has no Unique).
        var learnedQuotes = new List<(string Name, LatencySummary Summary)>();
        var versions = new (string Name, string Kind, Func<string, bool, byte[]> Export)[]
        {
            ("ensemble", ModelKinds.Ensemble, (version, distinctRows) => EnsembleOnnx.Export(ensemble, version, distinctRows)),
            ($"large network {string.Join('×', LargeNetworkShape.Layers)}", ModelKinds.ResponseNetwork,
                (version, distinctRows) => ResponseNetworkOnnx.Export(largeNetwork, version, distinctRows)),
        };
        foreach (var (name, kind, export) in versions)
        {
            foreach (var distinctRows in new[] { true, false })
            {
                var version = $"bench-{kind}-{(distinctRows ? "distinct" : "every-row")}";
                var card = LogisticOnnx.Card($"bench-{kind}", version, kind, "scoring benchmark");
                var uploaded = await registry.UploadAsync(new ModelUpload(version, export(version, distinctRows), card));
                var activated = await registry.ActivateAsync(version);
                if (!uploaded.Ok || !activated.Ok)
                {
                    throw new InvalidOperationException($"The benchmark's {name} was refused: {uploaded.Error ?? activated.Error}");
                }

                // As the admin API does after an activation: every silo loads it now, or the benchmark says which did not.
                var rollout = await cluster.Grains.GetGrain<IServingRolloutGrain>(0).RollOutModelsAsync();
                var silos = (await registry.GetAsync()).Silos;
                if (silos.Any(silo => silo.ActiveVersion != version))
                {
                    throw new InvalidOperationException($"The benchmark's {name} {version} is not served by every silo: {rollout}");
                }

                var label = $"{name}, trunk once a {(distinctRows ? "SKU" : "row")}, {string.Join(", ", silos.Select(silo => silo.Provider).Distinct())}";
                var (learnedDirect, learnedHttp) = await QuoteBenchmark.RunAsync(cluster, settings, label);
                learnedQuotes.Add(($"quotes, direct grain calls, {label}", learnedDirect));
                learnedQuotes.Add(($"quotes, HTTP gateway, {label}", learnedHttp));
            }
        }

        QuoteBenchmark.PrintTable(
        [
            .. unbatched is null ? [] : new[] { ("unbatched scoring (21 rows/request)", unbatched) },
            ("grain pool scoring (21 rows/request)", viaPool),
            ("quotes, direct grain calls, ONNX model", direct),
            ("quotes, HTTP gateway, ONNX model", viaHttp),
            .. learnedQuotes,
        ], "requests/s");
    }

    /// <summary>The cluster of the quote phases: the shipped tree model, on the provider the raw phases were told, each graph as exported.</summary>
    internal static void ConfigureCluster(IConfiguration configuration, BenchmarkSettings settings)
    {
        configuration["Scoring:InitialModelPath"] = ShippedTreeModel;
        // Left to the silos (auto), a run told cpu priced its quotes on CUDA wherever CUDA loads.
        configuration["Scoring:ExecutionProvider"] = settings.Provider;
        configuration["Scoring:CudaTrunkOnEveryRow"] = "false";
    }

    /// <summary>
    /// An ensemble as the learning service trains it (interaction model, three default networks and a segment model of six
    /// segments over the shop simulation's eight discount levels), on seeded noise.
    /// </summary>
    internal static EnsembleModel BenchmarkEnsemble()
    {
        var rows = RandomRows(2000, 98);
        var labels = Enumerable.Range(0, 2000).Select(i => i % 7 == 0).ToList();
        var random = new Random(97);
        var interactions = new LearnedModel(ModelKinds.LogisticInteractions, -2,
            [.. Enumerable.Range(0, LearnedModel.WidthOf(ModelKinds.LogisticInteractions)).Select(_ => random.NextDouble() - 0.5)]);
        BehaviourSegment[] segments = [.. Enumerable.Range(0, SegmentResponseModel.SegmentCount).Select(k =>
            new BehaviourSegment(1.0 / SegmentResponseModel.SegmentCount, 4 + (3 * k), 1 + k, 2 + k, 0.05 + (0.15 * k), 0.05 + (0.04 * k), 0.04))];
        double[] levels = [.. Enumerable.Range(1, QuoteLevels - 1).Select(l => l * 0.05)];
        var segmentModel = new SegmentResponseModel(new BehaviourMixture(segments), levels, -2,
            [.. Enumerable.Range(0, SegmentResponseModel.WidthOf(segments.Length, levels.Length)).Select(_ => random.NextDouble() - 0.5)]);
        return EnsembleModel.Of(interactions,
            [.. Enumerable.Range(1, EnsembleModel.Networks).Select(seed => ResponseNetwork.Train(rows, labels, [.. Enumerable.Repeat(1.0, 2000)], seed, NetworkShape.Default, epochs: 1))],
            segmentModel);
    }

    /// <summary>A quote's SKUs and the levels each is scored at (the shop simulation's grid, 0–40% in 5% steps).</summary>
    private const int QuoteSkus = 3;
    private const int QuoteLevels = 9;

    /// <summary>Quotes a micro-batch holds in the quote-shaped comparison: one, and as the pool batches under load.</summary>
    private static readonly int[] QuoteBatches = [1, 4, 16];

    private static double LargestDifference(OnnxScorer scorer, OnnxScorer reference, float[] rows)
    {
        var count = rows.Length / FeatureDefinition.Count;
        var (scored, expected) = (scorer.Score(rows, count), reference.Score(rows, count));
        return Enumerable.Range(0, count).Max(i => Math.Abs((double)scored[i] - expected[i]));
    }

    private static (double RowsPerSecond, double CallsPerSecond) Raw(OnnxScorer scorer, int batch, TimeSpan duration) =>
        Raw(scorer, RandomRows(batch, batch), duration);

    private static (double RowsPerSecond, double CallsPerSecond) Raw(OnnxScorer scorer, float[] rows, TimeSpan duration)
    {
        var batch = rows.Length / FeatureDefinition.Count;
        scorer.Score(rows, batch);
        var calls = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            scorer.Score(rows, batch);
            calls++;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (calls * batch / seconds, calls / seconds);
    }

    /// <summary>
    /// Rows as a customer grain sends them: for each quote, <see cref="QuoteSkus"/> random SKU rows, each at
    /// <see cref="QuoteLevels"/> discount levels (the discount column and the columns after it, its interactions, vary).
    /// </summary>
    internal static float[] RandomQuoteRows(int quotes, int seed)
    {
        var random = new Random(seed);
        var width = FeatureDefinition.Count;
        var rows = new float[quotes * QuoteSkus * QuoteLevels * width];
        for (var q = 0; q < quotes * QuoteSkus; q++)
        {
            var sku = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
            for (var level = 0; level < QuoteLevels; level++)
            {
                var row = rows.AsSpan(((q * QuoteLevels) + level) * width, width);
                sku.CopyTo(row);
                for (var c = FeatureDefinition.DiscountColumn; c < width; c++)
                {
                    row[c] = 0.05f * level * (c == FeatureDefinition.DiscountColumn ? 1 : sku[c]);
                }
            }
        }

        return rows;
    }

    private static float[] RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
    }
}
