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
/// read, labelled, split, both candidate kinds trained and judged against the active model, and the winner refit — all
/// that a run of the learning grain does except talking to the registry. Outcomes come from a known model with exploration.
/// </summary>
public static class LearningBenchmark
{
    public static int Run(BenchmarkSettings settings)
    {
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var pricing = new PricingOptions();
        var random = new Random(settings.Seed);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var folder = Path.Combine(Path.GetTempPath(), $"learning-benchmark-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var generate = Stopwatch.StartNew();
            using (var text = new StreamWriter(Path.Combine(folder, "decisions-bench.csv")))
            {
                DecisionLogCsv.WriteDecisions(text, Enumerable.Range(0, settings.Quotes).Select(i => Decision(truth, pricing, start.AddSeconds(i), i, random)));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {settings.Quotes:N0} decisions in {generate.Elapsed.TotalSeconds:F1} s."));
            var run = Stopwatch.StartNew();
            var read = DecisionLogFolder.Read(folder, start.AddSeconds(settings.Quotes).AddHours(1), pricing.QuoteTimeToLive);
            var readSeconds = run.Elapsed.TotalSeconds;
            var outcome = LearningRun.Execute(read, (rows, count) => truth.PredictAsync(Matrix(rows, count)).AsTask().Result,
                new LearningOptions(), pricing, _ => "all", settings.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Training run on {read.Count:N0} logged decisions: {run.Elapsed.TotalSeconds:F1} s ({readSeconds:F1} s reading and labelling), {Environment.ProcessorCount} cores, working set at the end {Environment.WorkingSet / 1024 / 1024} MB."));
            Console.WriteLine($"  {outcome.TrainingDecisions:N0} trained on, {outcome.HeldOutDecisions:N0} held out; chosen: {outcome.Candidate?.Kind}; {outcome.Reason}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static FeatureMatrix Matrix(float[] rows, int count)
    {
        var matrix = new FeatureMatrix(count);
        rows.AsSpan(0, count * FeatureDefinition.Count).CopyTo(matrix.Values);
        return matrix;
    }

    private static DecisionRecord Decision(LogisticResponseModel truth, PricingOptions pricing, DateTimeOffset at, int i, Random random)
    {
        var purchases = random.Next(6);
        var customer = new CustomerFeatureSnapshot(
            at, purchases == 0 ? null : random.Next(1, 200), random.Next(0, 60), purchases * random.NextDouble(), 40 * purchases * random.NextDouble(),
            random.Next(0, 12), random.Next(0, 4), purchases, 40m * purchases, purchases == 0 ? 0 : 40m,
            new Dictionary<string, double> { ["shoes"] = random.NextDouble() }, random.Next(0, 6), 0);
        var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 150m, 2);
        var product = new ProductFacts($"SKU-{random.Next(50)}", "shoes", listPrice, Math.Round(listPrice * 0.4m, 2), 0m, 0.3, 100, 1);
        var context = new QuoteContext(QuoteContext.Web, at);
        var grid = pricing.DiscountGrid;
        var level = random.Next(grid.Length);
        var row = new float[FeatureDefinition.Count];
        FeatureDefinition.Write(row, customer, product, context, grid[level]);
        return new DecisionRecord($"d-{i:D7}", at, $"c-{i % 5000}", context, product, customer, grid[level], 1.0 / grid.Length, "bench",
            random.NextDouble() < truth.Predict(row));
    }
}
