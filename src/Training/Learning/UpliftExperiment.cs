using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Export;
using OrleansPricing.Training.Metrics;
using OrleansPricing.Training.Reporting;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// Trains and judges discount-response models on a randomized campaign: a stratified held-out test set; k-fold
/// cross-validation with a grid search on the rest (S- and T-learners × logistic L1/L2, FastTree, LightGBM, selected by
/// out-of-fold Qini); an averaging ensemble of the best; propensity, uplift and policy metrics on the test set; the
/// targeting fraction chosen on out-of-fold profit; a fairness audit; ONNX export of the best S-learner with a parity
/// check; a Markdown report with PNG plots.
/// </summary>
public sealed class UpliftExperiment(UpliftOptions options, TextWriter log)
{
    private readonly MLContext _ml = new(seed: options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public UpliftSummary Run()
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var data = CampaignLoader.Load(options.InputPath, options.Spec);
        Log($"Loaded {data.Count} rows, {data.Columns.Count} features ({data.Treated.Count(t => t)} treated, {data.Treated.Count(t => !t)} control).");

        // Hold out one stratified fifth for the final judgement; everything else is for tuning.
        var split = Folds.Assign(data.Treated, data.Outcome, 5, options.Seed);
        var train = data.Subset(Enumerable.Range(0, data.Count).Where(i => split[i] != 0).ToList());
        var test = data.Subset(Enumerable.Range(0, data.Count).Where(i => split[i] == 0).ToList());
        var propensity = train.Treated.Average(t => t ? 1.0 : 0.0);
        var trainProfit = Profit(train);
        var testProfit = Profit(test);
        var trainOutcome = train.Outcome.Select(y => y ? 1.0 : 0.0).ToArray();
        var testOutcome = test.Outcome.Select(y => y ? 1.0 : 0.0).ToArray();

        var grid = LearnerSpec.Grid(options.Families ?? LearnerSpec.AllFamilies);
        var folds = Folds.Assign(train.Treated, train.Outcome, options.Folds, options.Seed + 1);
        var candidates = new List<CandidateResult>();
        var step = 0;
        foreach (var learner in grid)
        {
            foreach (var meta in new[] { "S", "T" })
            {
                step++;
                var started = _clock.Elapsed;
                var oof = CrossValidate(meta, learner, train, folds);
                var candidate = new CandidateResult
                {
                    MetaLearner = meta,
                    Learner = learner,
                    Name = $"{meta}-learner {learner.Name}",
                    OutOfFold = oof,
                    CrossValidatedUplift = UpliftMetrics.Compute(Uplift(oof), train.Treated, trainOutcome),
                    CrossValidatedPropensity = Propensity(oof, train, 0.5),
                };
                candidates.Add(candidate);
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"[{step}/{grid.Count * 2}] {candidate.Name}: CV Qini {candidate.CrossValidatedUplift.QiniCoefficient:F5}, AUC {candidate.CrossValidatedPropensity.Auc:F3} ({(_clock.Elapsed - started).TotalSeconds:F1} s)"));
            }
        }

        // Best configuration per (meta-learner, family), refit on all training rows and judged once on the test set.
        var finalists = candidates
            .GroupBy(c => (c.MetaLearner, c.Learner!.Family))
            .Select(g => g.OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First())
            .OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient)
            .ToList();
        foreach (var finalist in finalists)
        {
            finalist.Model = Fit(finalist.MetaLearner, finalist.Learner!, train);
            Judge(finalist, train, test, testOutcome);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"Refit {finalist.Name}: test Qini {finalist.TestUplift!.QiniCoefficient:F5}, AUUC {finalist.TestUplift.Auuc:F5}, AUC {finalist.TestPropensity!.Auc:F3}"));
        }

        var members = finalists.Take(3).ToList();
        var ensembleOof = Average(members.Select(m => m.OutOfFold).ToList());
        var ensemble = new CandidateResult
        {
            MetaLearner = "ensemble",
            Learner = null,
            Name = $"ensemble: mean of {string.Join(" + ", members.Select(m => m.Name))}",
            OutOfFold = ensembleOof,
            CrossValidatedUplift = UpliftMetrics.Compute(Uplift(ensembleOof), train.Treated, trainOutcome),
            CrossValidatedPropensity = Propensity(ensembleOof, train, 0.5),
            Model = new AveragingEnsemble(members.Select(m => m.Model!).ToList()),
        };
        Judge(ensemble, train, test, testOutcome);
        finalists.Add(ensemble);
        Log(string.Create(CultureInfo.InvariantCulture, $"Ensemble: test Qini {ensemble.TestUplift!.QiniCoefficient:F5}"));

        // The policy model is the best by cross-validated Qini; each objective's targeting share maximizes its out-of-fold value.
        var policyModel = finalists.OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First();
        var profitPolicy = ComparePolicies("profit", policyModel, train, test, trainProfit, testProfit, propensity);
        var revenuePolicy = ComparePolicies("revenue", policyModel, train, test, train.Revenue, test.Revenue, propensity);

        var serving = finalists.Where(c => c.MetaLearner == "S").OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First();
        var parity = ExportServingModel((SLearner)serving.Model!, serving, data, train, test);
        var importance = PermutationImportance((SLearner)serving.Model!, test);
        var fairness = FairnessAudit(policyModel.Model!, data,
            [($"profit policy (top {profitPolicy.Fraction:P0})", profitPolicy.Fraction),
             ($"revenue policy (top {revenuePolicy.Fraction:P0})", revenuePolicy.Fraction),
             ("top 30% by predicted uplift", 0.3)]);

        var summary = new UpliftSummary(data, train, test, candidates, finalists, policyModel.Name, [profitPolicy, revenuePolicy], parity, importance, fairness,
            _clock.Elapsed);
        WriteReport(summary, serving);
        Log($"Done in {_clock.Elapsed.TotalSeconds:F1} s; report at {Path.Combine(options.OutputDirectory, "report.md")}");
        return summary;
    }

    private (double[] Treated, double[] Control) CrossValidate(string meta, LearnerSpec learner, CampaignData train, int[] folds)
    {
        var treated = new double[train.Count];
        var control = new double[train.Count];
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var fitRows = Enumerable.Range(0, train.Count).Where(i => folds[i] != fold).ToList();
            var heldOut = Enumerable.Range(0, train.Count).Where(i => folds[i] == fold).ToList();
            var model = Fit(meta, learner, train.Subset(fitRows));
            var (t, c) = model.Predict(heldOut.Select(i => train.Features[i]).ToList());
            for (var k = 0; k < heldOut.Count; k++)
            {
                treated[heldOut[k]] = t[k];
                control[heldOut[k]] = c[k];
            }
        }

        return (treated, control);
    }

    private IUpliftModel Fit(string meta, LearnerSpec learner, CampaignData rows) => meta == "S"
        ? SLearner.Fit(_ml, learner, rows.Features, rows.Treated, rows.Outcome)
        : TLearner.Fit(_ml, learner, rows.Features, rows.Treated, rows.Outcome);

    private static void Judge(CandidateResult candidate, CampaignData train, CampaignData test, double[] testOutcome)
    {
        var predictions = candidate.Model!.Predict(test.Features);
        candidate.TestPredictions = predictions;
        candidate.TestUplift = UpliftMetrics.Compute(Uplift(predictions), test.Treated, testOutcome);
        var observed = Observed(candidate.OutOfFold, train);
        var threshold = BinaryMetrics.BestF1Threshold(observed, train.Outcome);
        candidate.TestPropensity = Propensity(predictions, test, threshold);
    }

    private static double[] Uplift((double[] Treated, double[] Control) p) => p.Treated.Select((t, i) => t - p.Control[i]).ToArray();

    private static double[] Observed((double[] Treated, double[] Control) p, CampaignData rows) =>
        rows.Treated.Select((t, i) => t ? p.Treated[i] : p.Control[i]).ToArray();

    private static BinaryMetrics Propensity((double[] Treated, double[] Control) p, CampaignData rows, double threshold) =>
        BinaryMetrics.Compute(Observed(p, rows), rows.Outcome, threshold);

    private static (double[] Treated, double[] Control) Average(IReadOnlyList<(double[] Treated, double[] Control)> predictions) =>
        (Enumerable.Range(0, predictions[0].Treated.Length).Select(i => predictions.Average(p => p.Treated[i])).ToArray(),
         Enumerable.Range(0, predictions[0].Treated.Length).Select(i => predictions.Average(p => p.Control[i])).ToArray());

    /// <summary>
    /// Profit per customer: revenue minus the cost of the goods. Treated revenue was earned at (1 − discount) of list,
    /// so its goods cost revenue / (1 − discount) × (1 − margin); control revenue at list costs revenue × (1 − margin).
    /// </summary>
    private double[] Profit(CampaignData rows) => rows.Revenue
        .Select((revenue, i) => revenue - revenue / (rows.Treated[i] ? 1 - options.Discount : 1) * (1 - options.Margin))
        .ToArray();

    /// <summary>Standard error of (policy − alternative) profit per customer over 500 seeded bootstrap resamples.</summary>
    private double Bootstrap(bool[] policy, bool[] treated, double[] reward, double propensity, bool all)
    {
        var random = new Random(options.Seed);
        var differences = new double[500];
        for (var b = 0; b < differences.Length; b++)
        {
            var sample = Enumerable.Range(0, policy.Length).Select(_ => random.Next(policy.Length)).ToArray();
            var p = sample.Select(i => policy[i]).ToArray();
            var t = sample.Select(i => treated[i]).ToArray();
            var r = sample.Select(i => reward[i]).ToArray();
            differences[b] = PolicyValue.Estimate(p, t, r, propensity)
                - PolicyValue.Estimate(Enumerable.Repeat(all, p.Length).ToArray(), t, r, propensity);
        }

        var mean = differences.Average();
        return Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1));
    }

    private PolicyComparison ComparePolicies(string objective, CandidateResult model, CampaignData train, CampaignData test,
        double[] trainReward, double[] testReward, double propensity)
    {
        var oofCurve = PolicyValue.Curve(Uplift(model.OutOfFold), train.Treated, trainReward, propensity);
        var fraction = oofCurve.OrderByDescending(point => point.Value).ThenBy(point => point.Fraction).First().Fraction;
        var scores = Uplift(model.TestPredictions!.Value);
        var policy = PolicyValue.TreatTop(scores, fraction);
        var all = Enumerable.Repeat(true, test.Count).ToArray();
        var none = new bool[test.Count];
        var comparison = new PolicyComparison(
            objective, fraction,
            PolicyValue.Estimate(policy, test.Treated, testReward, propensity),
            PolicyValue.Estimate(all, test.Treated, testReward, propensity),
            PolicyValue.Estimate(none, test.Treated, testReward, propensity),
            Bootstrap(policy, test.Treated, testReward, propensity, all: true),
            Bootstrap(policy, test.Treated, testReward, propensity, all: false),
            oofCurve,
            PolicyValue.Curve(scores, test.Treated, testReward, propensity));
        Log(string.Create(CultureInfo.InvariantCulture,
            $"{objective} policy ({model.Name}, treat top {fraction:P0}): test {objective}/customer {comparison.Policy:F3} vs all {comparison.All:F3} vs none {comparison.None:F3}"));
        return comparison;
    }

    private OnnxParity ExportServingModel(SLearner model, CandidateResult candidate, CampaignData all, CampaignData train, CampaignData test)
    {
        var onnxFile = "response-model.onnx";
        var onnxPath = Path.Combine(options.OutputDirectory, onnxFile);
        var trainRows = train.Features.Select((x, i) => SLearner.Row(x, train.Treated[i])).ToList();
        OnnxModel.Export(_ml, model.Model, trainRows, onnxPath);
        var testRows = test.Features.SelectMany(x => new[] { SLearner.Row(x, true), SLearner.Row(x, false) }).ToList();
        var mlNet = model.Model.Predict(testRows);
        var onnx = OnnxModel.Predict(onnxPath, testRows);
        var maxDifference = mlNet.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        Log(string.Create(CultureInfo.InvariantCulture, $"ONNX parity on {testRows.Count} held-out rows: max |ML.NET − ONNX Runtime| = {maxDifference:E2}"));

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

    private IReadOnlyList<(string Column, double AucDrop)> PermutationImportance(SLearner model, CampaignData test)
    {
        var baseline = BinaryMetrics.AreaUnderRoc(Observed(model.Predict(test.Features), test), test.Outcome);
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
                drops.Add(baseline - BinaryMetrics.AreaUnderRoc(Observed(model.Predict(permuted), test), test.Outcome));
            }

            result.Add((source, drops.Average()));
        }

        return result.OrderByDescending(r => r.Item2).ToList();
    }

    private IReadOnlyList<FairnessRow> FairnessAudit(IUpliftModel model, CampaignData all, IReadOnlyList<(string Policy, double Fraction)> policies)
    {
        if (options.ProtectedPath is null)
        {
            return [];
        }

        var table = CsvTable.Read(options.ProtectedPath);
        var idColumn = table.ColumnIndex(options.ProtectedIdColumn ?? options.Spec.IdColumn ?? "id");
        var columns = (options.ProtectedColumns ?? table.Header.Where((_, i) => i != idColumn).ToList())
            .Select(name => (name, index: table.ColumnIndex(name))).ToList();
        var byId = table.Rows.GroupBy(row => row[idColumn], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scores = Uplift(model.Predict(all.Features));
        var rows = new List<FairnessRow>();
        foreach (var (policyName, fraction) in policies)
        foreach (var (name, index) in columns)
        {
            var targeted = PolicyValue.TreatTop(scores, fraction);
            var groups = Enumerable.Range(0, all.Count)
                .GroupBy(i => byId.TryGetValue(all.Ids[i], out var row) ? row[index] : "(unknown)", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var rate = group.Average(i => targeted[i] ? 1.0 : 0.0);
                rows.Add(new FairnessRow(policyName, name, group.Key, group.Count(), rate, rate * options.Discount,
                    group.Average(i => all.Outcome[i] ? 1.0 : 0.0)));
            }
        }

        return rows;
    }

    private void WriteReport(UpliftSummary s, CandidateResult serving)
    {
        var dir = options.OutputDirectory;
        var finalists = s.Finalists;
        Plots.Lines(Path.Combine(dir, "roc.png"), "ROC on the held-out test set (observed arm)", "false-positive rate", "true-positive rate",
            finalists.Select(f =>
            {
                var roc = BinaryMetrics.RocCurve(ObservedTest(f, s), TestOutcome(s));
                return (f.Name.Split('(')[0].Trim(), (IReadOnlyList<double>)roc.Select(p => p.Fpr).ToList(), (IReadOnlyList<double>)roc.Select(p => p.Tpr).ToList());
            }), diagonal: true);
        var calibration = serving.TestPropensity!.Calibration;
        Plots.Lines(Path.Combine(dir, "calibration.png"), $"Calibration: {serving.Name.Split('(')[0].Trim()} (test)", "mean predicted probability", "observed purchase rate",
            [("model", calibration.Select(b => b.MeanPredicted).ToList(), calibration.Select(b => b.ObservedRate).ToList())], diagonal: true);
        Plots.Lines(Path.Combine(dir, "qini.png"), "Qini curves on the held-out test set", "customers targeted (fraction)", "incremental purchases",
            finalists.Select(f =>
            {
                var curve = f.TestUplift!.QiniCurve;
                return (f.Name.Split('(')[0].Trim(), (IReadOnlyList<double>)curve.Select((_, k) => (double)k / (curve.Count - 1)).ToList(), curve);
            }).Append(("random", [0.0, 1.0], [0.0, finalists[0].TestUplift!.QiniCurve[^1]])));
        foreach (var policy in s.Policies)
        {
            Plots.Lines(Path.Combine(dir, $"{policy.Objective}.png"), $"IPW {policy.Objective} per customer vs. share targeted",
                "customers targeted (fraction, by predicted uplift)", $"{policy.Objective} per customer",
            [
                ("test", policy.TestCurve.Select(p => p.Fraction).ToList(), policy.TestCurve.Select(p => p.Value).ToList()),
                ("cross-validation (tuning part)", policy.CrossValidatedCurve.Select(p => p.Fraction).ToList(), policy.CrossValidatedCurve.Select(p => p.Value).ToList()),
            ]);
        }
        if (s.Importance.Count > 0)
        {
            Plots.Bars(Path.Combine(dir, "importance.png"), "Permutation importance (AUC drop, test)", s.Importance.Select(i => i.Column).ToList(),
                [("AUC drop", s.Importance.Select(i => i.AucDrop).ToList())]);
        }

        var r = new MarkdownReport();
        r.Heading($"Discount-response models: {Path.GetFileName(options.InputPath)}", 1)
         .Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"{s.Data.Count} customers after cleaning ({s.Train.Count} for tuning with {options.Folds}-fold cross-validation, {s.Test.Count} held out, stratified by arm × outcome, seed {options.Seed}). " +
            $"Outcome `{options.Spec.OutcomeColumn}` > 0; treatment `{options.Spec.TreatmentColumn}` ≠ `{options.Spec.ControlValue}`. Margin {options.Margin:P0} at list price, offer {options.Discount:P0} off. Run time {s.Elapsed.TotalSeconds:F0} s."))
         .Heading("Cleaning")
         .Table(["rule", "column", "rows/values"], s.Data.Report.Lines().Select(l => (IReadOnlyList<string>)[l.Rule, l.Column, l.Count.ToString(CultureInfo.InvariantCulture)]))
         .Heading("Grid search (out-of-fold on the tuning part)")
         .Table(["model", "CV Qini", "CV AUUC", "CV AUC", "CV log-loss"], s.Candidates.Select(c => (IReadOnlyList<string>)
            [c.Name, MarkdownReport.Number(c.CrossValidatedUplift.QiniCoefficient, "F5"), MarkdownReport.Number(c.CrossValidatedUplift.Auuc, "F5"),
             MarkdownReport.Number(c.CrossValidatedPropensity.Auc, "F3"), MarkdownReport.Number(c.CrossValidatedPropensity.LogLoss, "F4")]))
         .Heading("Held-out test set")
         .Paragraph("Best configuration per meta-learner and family, refit on the whole tuning part; the ensemble averages the three best by CV Qini. Propensity metrics are for the arm each customer was actually in; the threshold is the F1-best one on out-of-fold predictions.")
         .Table(["model", "Qini", "AUUC", "uplift@10%", "uplift@30%", "AUC", "log-loss", "ECE", "threshold", "accuracy", "precision", "recall", "F1"],
            finalists.Select(f => (IReadOnlyList<string>)
            [f.Name, MarkdownReport.Number(f.TestUplift!.QiniCoefficient, "F5"), MarkdownReport.Number(f.TestUplift.Auuc, "F5"),
             MarkdownReport.Number(f.TestUplift.UpliftAt10, "F3"), MarkdownReport.Number(f.TestUplift.UpliftAt30, "F3"),
             MarkdownReport.Number(f.TestPropensity!.Auc, "F3"), MarkdownReport.Number(f.TestPropensity.LogLoss, "F4"),
             MarkdownReport.Number(f.TestPropensity.ExpectedCalibrationError, "F4"), MarkdownReport.Number(f.TestPropensity.Threshold, "F2"),
             MarkdownReport.Number(f.TestPropensity.Accuracy, "F3"), MarkdownReport.Number(f.TestPropensity.Precision, "F3"),
             MarkdownReport.Number(f.TestPropensity.Recall, "F3"), MarkdownReport.Number(f.TestPropensity.F1, "F3")]))
         .Image("ROC", "roc.png").Image("Calibration", "calibration.png").Image("Qini", "qini.png")
         .Heading("Targeting policies (inverse propensity weighting on the test set)")
         .Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Policy model: {s.PolicyModel} (best cross-validated Qini). For each objective the share of customers to target, ranked by predicted uplift, is the one with the best out-of-fold value on the tuning part; it is then judged on the held-out customers. Profit = revenue − cost of goods at {options.Margin:P0} margin on list price."))
         .Table(["objective", "targeted share", "targeted", "coupon for all", "coupon for none"], s.Policies.Select(p => (IReadOnlyList<string>)
            [p.Objective, MarkdownReport.Number(p.Fraction, "P0"), MarkdownReport.Number(p.Policy, "F3"), MarkdownReport.Number(p.All, "F3"), MarkdownReport.Number(p.None, "F3")]));
        foreach (var policy in s.Policies)
        {
            r.Paragraph(policy.Verdict()).Image($"{policy.Objective} curve", $"{policy.Objective}.png");
        }

        r         .Heading("Permutation importance (serving S-learner, test AUC drop)")
         .Table(["column", "AUC drop"], s.Importance.Select(i => (IReadOnlyList<string>)[i.Column, MarkdownReport.Number(i.AucDrop, "F4")]))
         .Image("Importance", "importance.png");
        if (s.Fairness.Count > 0)
        {
            r.Heading("Fairness audit (protected attributes are never model inputs)")
             .Paragraph("Each policy applied to every customer; average discount = targeting rate × offer.")
             .Table(["policy", "attribute", "group", "customers", "targeted", "average discount", "base purchase rate"], s.Fairness.Select(f => (IReadOnlyList<string>)
                [f.Policy, f.Attribute, f.Group, f.Count.ToString(CultureInfo.InvariantCulture), MarkdownReport.Number(f.TargetingRate, "P1"),
                 MarkdownReport.Number(f.AverageDiscount, "P2"), MarkdownReport.Number(f.PurchaseRate, "P1")]));
        }

        r.Heading("Served model")
         .Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"`response-model.onnx` ({serving.Name}) with `response-model.card.json`. ONNX Runtime vs. ML.NET on {s.Parity.Rows} held-out rows: max absolute difference {s.Parity.MaxAbsoluteDifference:E2}."));
        r.Save(Path.Combine(dir, "report.md"));
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(new
        {
            s.PolicyModel,
            policies = s.Policies.Select(p => new { p.Objective, p.Fraction, p.Policy, p.All, p.None, p.StandardErrorVersusAll, p.StandardErrorVersusNone }),
            finalists = finalists.Select(f => new { f.Name, testQini = f.TestUplift!.QiniCoefficient, testAuuc = f.TestUplift.Auuc, testAuc = f.TestPropensity!.Auc }),
            s.Parity,
            seconds = s.Elapsed.TotalSeconds,
        }, ModelCard.Json));
    }

    private static double[] ObservedTest(CandidateResult c, UpliftSummary s)
    {
        var p = c.TestPredictions!.Value;
        return s.Test.Treated.Select((t, i) => t ? p.Treated[i] : p.Control[i]).ToArray();
    }

    private static bool[] TestOutcome(UpliftSummary s) => s.Test.Outcome;

    private void Log(string message) => log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {message}");
}
