using System.Globalization;
using System.Text.Json;
using OrleansPricing.Training.Export;
using OrleansPricing.Training.Metrics;
using OrleansPricing.Training.Reporting;

namespace OrleansPricing.Training.Learning;

/// <summary>The uplift experiment's Markdown report, PNG plots and metrics.json.</summary>
public sealed class UpliftReport(UpliftOptions options)
{
    public void Write(UpliftSummary s, CandidateResult serving)
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
         .Table(["model", "Qini", "normalized Qini", "AUUC", "uplift@10%", "uplift@30%", "AUC", "log-loss", "ECE", "threshold", "accuracy", "precision", "recall", "F1"],
            finalists.Select(f => (IReadOnlyList<string>)
            [f.Name, MarkdownReport.Number(f.TestUplift!.QiniCoefficient, "F5"), MarkdownReport.Number(f.TestUplift.NormalizedQini, "F3"),
             MarkdownReport.Number(f.TestUplift.Auuc, "F5"),
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
            finalists = finalists.Select(f => new { f.Name, testQini = f.TestUplift!.QiniCoefficient, testNormalizedQini = f.TestUplift.NormalizedQini, testAuuc = f.TestUplift.Auuc, testAuc = f.TestPropensity!.Auc }),
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
}
