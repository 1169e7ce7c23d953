using OrleansPricing.Pricing.Learning;
using System.CommandLine;
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
    public static Command Create(TextWriter output)
    {
        var input = Options.Required("--input", "One decision-log CSV with outcomes, or the folder the silos write (decisions-*.csv joined with purchases-*.csv).");
        var outputDirectory = Options.Required("--out", "Folder for logistic-purchase.json, the ONNX models with cards and report.md.");
        var ttl = Options.Number("--quote-ttl-minutes", 15, 0.1, 7 * 24 * 60, "Quote lifetime: a quote not ordered within it counts as not purchased.");
        var version = Options.WithDefault("--version", "2.0.0", "Version of the trained models.");
        var l2 = Options.Number("--l2", 0.01, 0, 100, "L2 regularization of the logistic model.");
        var seed = Options.Whole("--seed", 42, 0, int.MaxValue, "Random seed.");
        var truth = Options.Optional("--truth", "The model a simulated log came from, to compare against.");
        var command = new Command("decision-log", "Trains the cluster's purchase models from its decision log (IPW-weighted, shared feature definition).")
        {
            input, outputDirectory, ttl, version, l2, seed, truth,
        };
        command.SetAction(parse => TrainingProgram.Run(output, () => Train(
            parse.GetValue(input)!, parse.GetValue(outputDirectory)!, parse.GetValue(version)!, (float)parse.GetValue(l2), parse.GetValue(seed),
            parse.GetValue(truth), TimeSpan.FromMinutes(parse.GetValue(ttl)), output)));
        return command;
    }

    public static Command CreateSimulate(TextWriter output)
    {
        var truth = Options.Required("--truth", "The logistic model file whose responses are simulated.");
        var path = Options.Required("--out", "The CSV to write.");
        var count = Options.Whole("--count", 20000, 1, 10_000_000, "Decisions to simulate.");
        var exploration = Options.Number("--exploration", 0.3, 0.01, 1, "Share of decisions at a random level.");
        var seed = Options.Whole("--seed", 7, 0, int.MaxValue, "Random seed.");
        var command = new Command("simulate-decision-log", "Writes a SYNTHETIC decision log from a known model with epsilon-greedy exploration (for trying the path).")
        {
            truth, path, count, exploration, seed,
        };
        command.SetAction(parse => TrainingProgram.Run(output, () => Simulate(
            parse.GetValue(truth)!, parse.GetValue(path)!, parse.GetValue(count), parse.GetValue(exploration), parse.GetValue(seed), output)));
        return command;
    }

    private static void Train(
        string input, string outputDirectory, string version, float l2, int seed, string? truthPath, TimeSpan quoteTimeToLive, TextWriter output)
    {

        var records = DecisionLogReader.ReadFileOrFolder(input, quoteTimeToLive);
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
    }

    private static void Simulate(string truthPath, string path, int count, double exploration, int seed, TextWriter output)
    {
        var truth = LogisticResponseModel.Load(truthPath);
        var records = DecisionLogSimulator.Simulate(truth, count, exploration, seed, new PricingOptions().DiscountGrid);
        using (var writer = new StreamWriter(path))
        {
            DecisionLogCsv.WriteDecisions(writer, records);
        }

        output.WriteLine($"Wrote {records.Count} synthetic decisions ({records.Count(r => r.Purchased == true)} purchases) to {path}.");
    }
}
