using OrleansPricing.Pricing.Learning;
using System.Globalization;
using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Export;
using OrleansPricing.Training.Metrics;
using static OrleansPricing.Training.Learning.UpliftPredictions;

namespace OrleansPricing.Training.Learning;

/// <summary>The served S-learner: ONNX export with a model card and a parity check against ML.NET, and its permutation importance.</summary>
public sealed class ServingModelExport(MLContext ml, UpliftOptions options, ExperimentLog log)
{
    public OnnxParity Export(SLearner model, CandidateResult candidate, CampaignData all, CampaignData train, CampaignData test)
    {
        var onnxFile = "response-model.onnx";
        var onnxPath = Path.Combine(options.OutputDirectory, onnxFile);
        var trainRows = train.Features.Select((x, i) => SLearner.Row(x, train.Treated[i])).ToList();
        OnnxModel.Export(ml, model.Model, trainRows, onnxPath);
        var testRows = test.Features.SelectMany(x => new[] { SLearner.Row(x, true), SLearner.Row(x, false) }).ToList();
        var mlNet = model.Model.Predict(testRows);
        var onnx = OnnxModel.Predict(onnxPath, testRows);
        var maxDifference = mlNet.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        log.Write(string.Create(CultureInfo.InvariantCulture, $"ONNX parity on {testRows.Count} held-out rows: max |ML.NET − ONNX Runtime| = {maxDifference:E2}"));

        var names = all.Columns.Select(c => c.Name).ToList();
        new ModelCard(
            ModelId: "campaign-response",
            Version: DateTimeOffset.UtcNow.ToString("yyyyMMdd.HHmmss", CultureInfo.InvariantCulture),
            Kind: "s-learner",
            Learner: candidate.Name,
            OnnxFile: onnxFile,
            Input: new ModelCardInput("Features", names.Count * 2 + 1, SLearner.RowNames(names), all.Columns,
                "[x (normalized), treatment (0/1 = discount 0 or the offer), treatment × x]"),
            DiscountGrid: [0, options.Discount],
            TrainingData: new ModelCardTrainingData(Path.GetFileName(options.InputPath), all.Sha256, all.Count, train.Count, test.Count),
            Metrics: new Dictionary<string, double>
            {
                ["cvQini"] = candidate.CrossValidatedUplift.QiniCoefficient,
                ["testQini"] = candidate.TestUplift!.QiniCoefficient,
                ["testAuuc"] = candidate.TestUplift.Auuc,
                ["testAuc"] = candidate.TestPropensity!.Auc,
                ["testLogLoss"] = candidate.TestPropensity.LogLoss,
                ["onnxParityMaxAbsDifference"] = maxDifference,
            },
            CreatedAt: DateTimeOffset.UtcNow).Save(Path.Combine(options.OutputDirectory, "response-model.card.json"));
        return new OnnxParity(testRows.Count, maxDifference);
    }

    public IReadOnlyList<(string Column, double AucDrop)> PermutationImportance(SLearner model, CampaignData test)
    {
        var baseline = ClassifierMetrics.AreaUnderRoc(Observed(model.Predict(test.Features), test), test.Outcome);
        var random = new Random(options.Seed);
        var result = new List<(string, double)>();
        foreach (var source in test.Columns.Select(c => c.SourceColumn).Distinct())
        {
            var indices = test.Columns.Select((c, i) => (c, i)).Where(p => p.c.SourceColumn == source).Select(p => p.i).ToArray();
            var drops = new List<double>();
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var permutation = Enumerable.Range(0, test.Count).ToArray();
                random.Shuffle(permutation);
                var permuted = test.Features.Select((x, r) =>
                {
                    var copy = (float[])x.Clone();
                    foreach (var f in indices)
                    {
                        copy[f] = test.Features[permutation[r]][f];
                    }

                    return copy;
                }).ToList();
                drops.Add(baseline - ClassifierMetrics.AreaUnderRoc(Observed(model.Predict(permuted), test), test.Outcome));
            }

            result.Add((source, drops.Average()));
        }

        return result.OrderByDescending(r => r.Item2).ToList();
    }
}
