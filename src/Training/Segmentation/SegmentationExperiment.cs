using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Export;
using OrleansPricing.Training.Learning;
using OrleansPricing.Training.Reporting;

namespace OrleansPricing.Training.Segmentation;

public sealed record SegmentationOptions(
    string InputPath, string OutputDirectory, string CustomerColumn, string DateColumn, string AmountColumn, string? InvoiceColumn,
    int MinK = 3, int MaxK = 8, int Seed = 42);

public sealed record SegmentationSummary(int ChosenK, IReadOnlyList<(int K, double DaviesBouldin, double AverageDistance)> Scores, IReadOnlyList<SegmentProfile> Segments);

/// <summary>
/// Customer segmentation with ML.NET k-means on standardized RFM and behaviour features. k is the one with the lowest
/// Davies–Bouldin index (compact, well-separated clusters) in [MinK, MaxK]; each segment is named from its centroid.
/// </summary>
public sealed class SegmentationExperiment(SegmentationOptions options, TextWriter log)
{
    private readonly MLContext _ml = new(seed: options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public SegmentationSummary Run()
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var table = CsvTable.Read(options.InputPath);
        var (customers, report) = InvoiceRfmBuilder.Build(table, options.CustomerColumn, options.DateColumn, options.AmountColumn, options.InvoiceColumn);
        Log($"{customers.Count} customers from {table.Rows.Count} invoices.");

        var raw = customers.Select(c => c.RawFeatures()).ToArray();
        var width = CustomerRfm.FeatureNames.Count;
        var means = Enumerable.Range(0, width).Select(f => raw.Average(r => r[f])).ToArray();
        var deviations = Enumerable.Range(0, width).Select(f => Math.Sqrt(raw.Average(r => (r[f] - means[f]) * (r[f] - means[f])))).Select(d => d > 0 ? d : 1).ToArray();
        var standardized = raw.Select(r => Enumerable.Range(0, width).Select(f => (float)((r[f] - means[f]) / deviations[f])).ToArray()).ToList();
        var data = ProbabilityModel.ToDataView(_ml, standardized, new bool[standardized.Count], width);

        var scores = new List<(int K, double DaviesBouldin, double AverageDistance)>();
        var models = new Dictionary<int, ITransformer>();
        for (var k = options.MinK; k <= options.MaxK; k++)
        {
            var model = _ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                NumberOfClusters = k, InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus, NumberOfThreads = 1,
            }).Fit(data);
            var metrics = _ml.Clustering.Evaluate(model.Transform(data), scoreColumnName: "Score", featureColumnName: "Features");
            scores.Add((k, metrics.DaviesBouldinIndex, metrics.AverageDistance));
            models[k] = model;
            Log(string.Create(CultureInfo.InvariantCulture, $"k={k}: Davies–Bouldin {metrics.DaviesBouldinIndex:F3}, mean distance {metrics.AverageDistance:F3}"));
        }

        var chosen = scores.OrderBy(s => s.DaviesBouldin).First().K;
        var assignments = models[chosen].Transform(data).GetColumn<uint>("PredictedLabel").Select(label => (int)label - 1).ToArray();
        var segments = Enumerable.Range(0, chosen)
            .Where(s => assignments.Contains(s))
            .Select(s =>
            {
                var members = Enumerable.Range(0, customers.Count).Where(i => assignments[i] == s).ToList();
                var centroid = Enumerable.Range(0, width).Select(f => members.Average(i => (double)standardized[i][f])).ToList();
                var (name, description) = SegmentNamer.Name(centroid);
                return new SegmentProfile(s, name, description, members.Count,
                    members.Average(i => customers[i].RecencyDays), members.Average(i => customers[i].Frequency),
                    members.Average(i => customers[i].Monetary), members.Average(i => customers[i].AverageOrderValue),
                    members.Average(i => customers[i].TenureDays), centroid);
            })
            .OrderByDescending(p => p.Monetary)
            .ToList();
        foreach (var segment in segments)
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"segment {segment.Segment} '{segment.Name}': {segment.Customers} customers, last order {segment.RecencyDays:F0} d ago, {segment.Frequency:F1} orders, spend {segment.Monetary:F0}"));
        }

        var onnxPath = Path.Combine(options.OutputDirectory, "segments.onnx");
        using (var stream = File.Create(onnxPath))
        {
            _ml.Model.ConvertToOnnx(models[chosen], data, stream);
        }

        using var file = File.OpenRead(options.InputPath);
        new ModelCard("customer-segments", DateTimeOffset.UtcNow.ToString("yyyyMMdd.HHmmss", CultureInfo.InvariantCulture), "k-means",
            $"k-means++ k={chosen}", "segments.onnx",
            new ModelCardInput("Features", width, CustomerRfm.FeatureNames,
                CustomerRfm.FeatureNames.Select((name, f) => new FeatureColumn(name, name, FeatureColumn.Numeric, null, means[f], double.NegativeInfinity, double.PositiveInfinity, means[f], deviations[f])).ToList(),
                "standardized (x − mean) / standard deviation; outputs the nearest centroid (PredictedLabel, 1-based)"),
            [], new ModelCardTrainingData(Path.GetFileName(options.InputPath), Convert.ToHexStringLower(SHA256.HashData(file)), customers.Count, customers.Count, 0),
            new Dictionary<string, double> { ["daviesBouldin"] = scores.First(s => s.K == chosen).DaviesBouldin, ["k"] = chosen },
            DateTimeOffset.UtcNow).Save(Path.Combine(options.OutputDirectory, "segments.card.json"));

        Plots.Lines(Path.Combine(options.OutputDirectory, "davies-bouldin.png"), "Choosing k: Davies–Bouldin index (lower is better)", "k", "Davies–Bouldin index",
            [("k-means", scores.Select(s => (double)s.K).ToList(), scores.Select(s => s.DaviesBouldin).ToList())]);
        Plots.Bars(Path.Combine(options.OutputDirectory, "segment-profiles.png"), "Segment centroids (standard deviations from the average customer)",
            CustomerRfm.FeatureNames, segments.Select(s => ($"{s.Segment}: {s.Name}", (IReadOnlyList<double>)s.StandardizedCentroid)).ToList());

        new MarkdownReport()
            .Heading($"Customer segments: {Path.GetFileName(options.InputPath)}", 1)
            .Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"k-means (ML.NET, k-means++ initialization, seed {options.Seed}) on standardized {string.Join(", ", CustomerRfm.FeatureNames)}. Recency and tenure are measured to the day after the last invoice. k = {chosen}: lowest Davies–Bouldin index for k in [{options.MinK}, {options.MaxK}]. Run time {_clock.Elapsed.TotalSeconds:F0} s."))
            .Table(["rule", "count"], report.Select(r => (IReadOnlyList<string>)[r.Rule, r.Count.ToString(CultureInfo.InvariantCulture)]))
            .Table(["k", "Davies–Bouldin", "mean distance to centroid"], scores.Select(s => (IReadOnlyList<string>)
                [s.K.ToString(CultureInfo.InvariantCulture), MarkdownReport.Number(s.DaviesBouldin, "F3"), MarkdownReport.Number(s.AverageDistance, "F3")]))
            .Image("Davies–Bouldin by k", "davies-bouldin.png")
            .Heading("Segments")
            .Table(["segment", "name", "customers", "days since last order", "orders", "spend", "average order", "tenure (days)", "in business words"],
                segments.Select(s => (IReadOnlyList<string>)
                [s.Segment.ToString(CultureInfo.InvariantCulture), s.Name, s.Customers.ToString(CultureInfo.InvariantCulture),
                 MarkdownReport.Number(s.RecencyDays, "F0"), MarkdownReport.Number(s.Frequency, "F1"), MarkdownReport.Number(s.Monetary, "F0"),
                 MarkdownReport.Number(s.AverageOrderValue, "F0"), MarkdownReport.Number(s.TenureDays, "F0"), s.Description]))
            .Image("Segment profiles", "segment-profiles.png")
            .Save(Path.Combine(options.OutputDirectory, "report.md"));
        Log($"Done in {_clock.Elapsed.TotalSeconds:F1} s; report at {Path.Combine(options.OutputDirectory, "report.md")}");
        return new SegmentationSummary(chosen, scores, segments);
    }

    private void Log(string message) => log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {message}");
}
