using System.Globalization;
using Microsoft.ML.Data;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Training.DecisionLog;
using OrleansPricing.Training.Learning;
using OrleansPricing.Training.Metrics;
using OrleansPricing.Training.Reporting;

namespace OrleansPricing.Training.Commands;

public static class DecisionLogCommand
{
    public const string Usage = """
        decision-log --input LOG.csv|DIR --out DIR [--quote-ttl-minutes 15] [--version 2.0.0] [--l2 0.01] [--seed 42] [--truth MODEL.json]
          Trains the cluster's purchase models from its decision log (IPW-weighted, shared feature definition). The input
          is one CSV with outcomes, or the folder the silos write (Campaigns:DecisionLogDirectory: decisions-*.csv joined
          with purchases-*.csv; a quote not ordered within its lifetime counts as not purchased). Writes
          DIR/logistic-purchase.json (served by Pricing:ModelPath), ONNX models with cards for the scoring pool
          (logistic-purchase-VERSION.onnx, lightgbm-purchase-VERSION.onnx) and DIR/report.md.
        simulate-decision-log --truth MODEL.json --out LOG.csv [--count 20000] [--exploration 0.3] [--seed 7]
          Writes a SYNTHETIC decision log from a known model with epsilon-greedy exploration (for trying the path).
        """;

    public static int Run(CommandLine args, TextWriter output)
    {
        var input = args.Required("input");
        var outputDirectory = args.Required("out");
        var version = args.Optional("version") ?? "2.0.0";
        var l2 = (float)args.Number("l2", 0.01, 0, 100);
        var seed = (int)args.Number("seed", 42, 0, int.MaxValue);
        var truthPath = args.Optional("truth");
        var quoteTimeToLive = TimeSpan.FromMinutes(args.Number("quote-ttl-minutes", 15, 0.1, 7 * 24 * 60));
        args.RejectUnknown();

        var records = Directory.Exists(input) ? DecisionLogReader.ReadCluster(input, quoteTimeToLive) : DecisionLogReader.Read(input);
        var labelled = records.Where(r => r.Purchased is not null).ToList();
        output.WriteLine($"{records.Count} decisions, {labelled.Count} with known outcomes.");
        var folds = Folds.Assign(labelled.Select(r => r.Discount > 0).ToList(), labelled.Select(r => r.Purchased!.Value).ToList(), 5, seed);
        var train = labelled.Where((_, i) => folds[i] != 0).ToList();
        var test = labelled.Where((_, i) => folds[i] == 0).ToList();

        var (file, logistic, logisticMl) = DecisionLogTrainer.Train(train, "logistic-purchase", version, l2, seed);
        var (lightGbm, lightGbmMl) = DecisionLogTrainer.TrainLightGbm(train, seed);
        Directory.CreateDirectory(outputDirectory);
        var modelPath = Path.Combine(outputDirectory, "logistic-purchase.json");
        DecisionLogTrainer.Save(file, modelPath);
        var trained = LogisticResponseModel.Load(modelPath);
        var truth = truthPath is null ? null : LogisticResponseModel.Load(truthPath);

        var labels = test.Select(r => r.Purchased!.Value).ToList();
        var row = new float[Pricing.Features.FeatureDefinition.Count];
        double[] Score(LogisticResponseModel model) => test.Select(r =>
        {
            r.WriteFeatures(row);
            return model.Predict(row);
        }).ToArray();
        var trainedMetrics = BinaryMetrics.Compute(Score(trained), labels, 0.5);
        var lightGbmScores = lightGbm.Transform(DecisionLogTrainer.ToDataView(lightGbmMl, test)).GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        var lightGbmMetrics = BinaryMetrics.Compute(lightGbmScores, labels, 0.5);
        var inputFiles = Directory.Exists(input) ? Directory.GetFiles(input, "*.csv").Order(StringComparer.Ordinal).ToArray() : [input];
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(inputFiles.SelectMany(File.ReadAllBytes).ToArray()));
        DecisionLogTrainer.ExportOnnx(logisticMl, logistic, train.Take(100).ToList(), outputDirectory, "logistic-purchase", version, "logistic L2 (IPW)",
            new Dictionary<string, double> { ["testAuc"] = trainedMetrics.Auc, ["testLogLoss"] = trainedMetrics.LogLoss }, Path.GetFileName(input), sha, train.Count);
        DecisionLogTrainer.ExportOnnx(lightGbmMl, lightGbm, train.Take(100).ToList(), outputDirectory, "lightgbm-purchase", version, "LightGBM 16 leaves x 150 (IPW)",
            new Dictionary<string, double> { ["testAuc"] = lightGbmMetrics.Auc, ["testLogLoss"] = lightGbmMetrics.LogLoss }, Path.GetFileName(input), sha, train.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Held-out {test.Count} decisions: AUC {trainedMetrics.Auc:F3}, log-loss {trainedMetrics.LogLoss:F4}; model written to {modelPath}"));

        var report = new MarkdownReport()
            .Heading($"Logistic purchase model from {Path.GetFileName(input)}", 1)
            .Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{records.Count} decisions, {labelled.Count} with outcomes; {train.Count} for training (weighted by 1/propensity), {test.Count} held out. Feature definition {Pricing.Features.FeatureDefinition.Version}. L2 {l2}."))
            .Table(["model", "held-out AUC", "log-loss", "ECE"],
                new[] { ("logistic (trained)", trainedMetrics), ("LightGBM (trained, ONNX only)", lightGbmMetrics) }
                    .Concat(truth is null ? [] : new[] { ("truth (simulation)", BinaryMetrics.Compute(Score(truth), labels, 0.5)) })
                    .Select(m => (IReadOnlyList<string>)[m.Item1, MarkdownReport.Number(m.Item2.Auc, "F3"), MarkdownReport.Number(m.Item2.LogLoss, "F4"), MarkdownReport.Number(m.Item2.ExpectedCalibrationError, "F4")]));
        var truthFile = truthPath is null ? null : System.Text.Json.JsonSerializer.Deserialize<LogisticModelFile>(File.ReadAllText(truthPath), Export.ModelCard.Json);
        report.Table(truthFile is null ? ["coefficient", "trained"] : ["coefficient", "trained", "truth"],
            new[] { ("intercept", file.Intercept!.Value, truthFile?.Intercept) }
                .Concat(file.Coefficients!.Select(c => (c.Key, c.Value, truthFile?.Coefficients?[c.Key])))
                .Select(c => (IReadOnlyList<string>)(truthFile is null
                    ? [c.Item1, MarkdownReport.Number(c.Item2, "F3")]
                    : [c.Item1, MarkdownReport.Number(c.Item2, "F3"), MarkdownReport.Number(c.Item3 ?? double.NaN, "F3")])));
        report.Save(Path.Combine(outputDirectory, "report.md"));
        return 0;
    }

    public static int Simulate(CommandLine args, TextWriter output)
    {
        var truth = LogisticResponseModel.Load(args.Required("truth"));
        var path = args.Required("out");
        var count = (int)args.Number("count", 20000, 1, 10_000_000);
        var exploration = args.Number("exploration", 0.3, 0.01, 1);
        var seed = (int)args.Number("seed", 7, 0, int.MaxValue);
        args.RejectUnknown();
        var records = DecisionLogSimulator.Simulate(truth, count, exploration, seed, new PricingOptions().DiscountGrid);
        using (var writer = new StreamWriter(path))
        {
            DecisionLogCsv.WriteDecisions(writer, records);
        }

        output.WriteLine($"Wrote {records.Count} synthetic decisions ({records.Count(r => r.Purchased == true)} purchases) to {path}.");
        return 0;
    }
}
