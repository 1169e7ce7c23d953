using System.Diagnostics;
using System.Globalization;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// How long one training run takes on a large decision log: the log is written to a folder as the silos write it, then
/// read, labelled, split, the three candidates (the ensemble of the segment model, the interaction model and three
/// networks, and the segment model and the interaction model alone) trained and judged against the active model, and
/// the winner refit — all that a run of the learning grain does except talking to the registry. Outcomes come from a
/// known model with exploration.
/// </summary>
public static class LearningBenchmark
{
    public static int Run(BenchmarkSettings settings)
    {
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var pricing = new PricingOptions();
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var folder = Path.Combine(Path.GetTempPath(), $"learning-benchmark-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var generate = Stopwatch.StartNew();
            // Uniform over the grid (exploration 1): the log a policy learning from scratch would start from. Every
            // decision carries a full window of the customer's newest events, as a shop with history logs them, and each
            // one bought its purchase record (until 2026-12-06 the benchmark wrote none, so its runs learned from a log
            // where no one bought).
            var random = new Random(settings.Seed);
            var bought = DecisionLogFolder.Write(folder, "bench", DecisionLogSimulator.Simulate(truth, settings.Quotes, 1.0, settings.Seed, pricing.DiscountGrid, start, TimeSpan.FromSeconds(1))
                .Select(d => d with { Customer = d.Customer with { RecentEvents = Window(d.Timestamp, random) } }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {settings.Quotes:N0} decisions, {bought:N0} of them bought, in {generate.Elapsed.TotalSeconds:F1} s."));
            var options = new LearningOptions();
            if (settings.NetworkLayers is { } layers)
            {
                options.NetworkLayers = layers;
            }

            var run = Stopwatch.StartNew();
            var read = DecisionLogFolder.Read(folder, start.AddSeconds(settings.Quotes).AddHours(1), pricing.QuoteTimeToLive);
            var readSeconds = run.Elapsed.TotalSeconds;
            var outcome = LearningRun.Execute(read, (rows, count) => truth.PredictAsync(Matrix(rows, count)).AsTask().Result,
                options, pricing, _ => "all", settings.Seed,
                progress: message => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run.Elapsed.TotalSeconds,5:F1} s: {message}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Training run on {read.Count:N0} logged decisions: {run.Elapsed.TotalSeconds:F1} s ({readSeconds:F1} s reading and labelling), {Environment.ProcessorCount} cores, working set at the end {Environment.WorkingSet / 1024 / 1024} MB."));
            Console.WriteLine($"  {outcome.TrainingDecisions:N0} trained on, {outcome.HeldOutDecisions:N0} held out; chosen: {outcome.Candidate?.Kind}; {outcome.Reason}");

            // Cancelled as the ensemble's third part is reported trained, while the fourth and fifth (networks) train: how
            // long after the request the run stops. Each trainer checks the token at each mini-batch or Newton step, so
            // this is milliseconds where waiting for the parts begun would take their time above.
            using (var cancel = new CancellationTokenSource())
            {
                var requested = 0L;
                try
                {
                    LearningRun.Execute(read, (rows, count) => truth.PredictAsync(Matrix(rows, count)).AsTask().Result, options, pricing, _ => "all", settings.Seed,
                        progress: message =>
                        {
                            if (message.StartsWith("Trained 3 of ", StringComparison.Ordinal))
                            {
                                requested = Stopwatch.GetTimestamp();
                                cancel.Cancel();
                            }
                        },
                        cancellationToken: cancel.Token);
                    Console.WriteLine("  cancelling: the run ended before its third part was trained.");
                }
                catch (OperationCanceledException) when (requested != 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  cancelled while the ensemble's networks trained: stopped {Stopwatch.GetElapsedTime(requested).TotalMilliseconds:F0} ms after the request (the parts' times are above)."));
                }
            }

            // The network alone, on the same training part, to show what its size costs.
            var training = LearningRun.InTimeOrder(read.Where(r => r.Purchased is not null)).Take(outcome.TrainingDecisions).ToList();
            var network = Stopwatch.StartNew();
            var trained = (ResponseNetwork)LearningRun.Train(training, options, ModelKinds.ResponseNetwork, settings.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  response network {trained.Shape} ({trained.ParameterCount:N0} parameters) alone: {network.Elapsed.TotalSeconds:F1} s on {training.Count:N0} decisions."));

            // With the sequence encoder (judged by the shop simulation, not trained by the loop): what the convolution costs,
            // on the same decisions read with their event windows (the run above leaves them unparsed, as the loop does).
            var withEvents = LearningRun.InTimeOrder(DecisionLogFolder.Read(folder, start.AddSeconds(settings.Quotes).AddHours(1), pricing.QuoteTimeToLive, withRecentEvents: true)
                .Where(r => r.Purchased is not null)).Take(outcome.TrainingDecisions).ToList();
            network.Restart();
            var sequence = LearningRun.TrainNetwork(withEvents, options, options.Network with { SequenceFilters = 16, SequenceKernel = 3 }, settings.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  response network {sequence.Shape} ({sequence.ParameterCount:N0} parameters) alone: {network.Elapsed.TotalSeconds:F1} s on {training.Count:N0} decisions."));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A full window of a customer's newest events before <paramref name="at"/>, as a shop with history logs them with every decision.</summary>
    internal static RecentEvent[] Window(DateTimeOffset at, Random random) =>
        [.. Enumerable.Range(0, CustomerFeatures.RecentEventWindow).Select(i => new RecentEvent(
            at.AddHours(-(i + 1) * 7), (CustomerEventType)(i % 3), $"category-{random.Next(12)}", i % 3 == 2 ? 25m : 0m, i % 6 == 2 ? 5m : 0m))];

    private static FeatureMatrix Matrix(float[] rows, int count)
    {
        var matrix = new FeatureMatrix(count);
        rows.AsSpan(0, count * FeatureDefinition.Count).CopyTo(matrix.Values);
        return matrix;
    }
}
