using OrleansPricing.Training.Data;
using OrleansPricing.Training.Learning;
using OrleansPricing.Training.Segmentation;

namespace OrleansPricing.Training.Tests;

/// <summary>End-to-end runs on the real data sets, trimmed (fewer learners and folds) to keep the suite fast.</summary>
public sealed class PipelineRunTests
{
    [Fact]
    public void Uplift_run_on_artea_writes_report_plots_and_a_matching_onnx_model()
    {
        var output = SharedData.TempDirectory();
        var options = new UpliftOptions(
            SharedData.Path("artea-a_b-experiment-recoded.csv"),
            new CampaignSpec("test_coupon", "control", "trans_after", RevenueColumn: "revenue_after", IdColumn: "id"),
            output, Folds: 3, Families: [LearnerSpec.NaiveLogistic, LearnerSpec.LogisticL2, LearnerSpec.LightGbm],
            ProtectedPath: SharedData.Path("artea-demographics.csv"), ProtectedColumns: ["race", "gender"]);

        var summary = new UpliftExperiment(options, TextWriter.Null).Run();

        Assert.Equal(5000, summary.Data.Count);
        Assert.Equal(1002, summary.Test.Count); // one stratified fifth: each arm × outcome stratum split separately
        // The naive two-model baseline is one untuned configuration, as a T-learner only, judged beside the tuned ones.
        Assert.Equal(11, summary.Candidates.Count);
        Assert.Equal(6, summary.Finalists.Count);
        Assert.Single(summary.Finalists, f => f.Name == "T-learner naive-logistic (untuned)");
        Assert.True(summary.Parity.MaxAbsoluteDifference < 1e-4);
        Assert.Equal(["profit", "revenue"], summary.Policies.Select(p => p.Objective));
        Assert.Contains(summary.Fairness, f => f.Attribute == "race" && f.Group == "minority");
        Assert.DoesNotContain(summary.Data.Columns, c => c.SourceColumn is "race" or "gender" or "id");
        foreach (var file in new[] { "report.md", "roc.png", "calibration.png", "qini.png", "profit.png", "revenue.png", "importance.png", "response-model.onnx", "response-model.card.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        }

        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("Fairness audit", report);
        Assert.Contains("outlier clipped", report);
        Assert.Contains("| T-learner naive-logistic (untuned) |", report);
    }

    [Fact]
    public void Segmentation_of_the_online_retailer_names_every_segment()
    {
        var output = SharedData.TempDirectory();

        var summary = new SegmentationExperiment(
            new SegmentationOptions(SharedData.Path("online_retail.csv"), output, "CustomerID", "InvoiceDate", "TotalPrice", "InvoiceNo"),
            TextWriter.Null).Run();

        Assert.InRange(summary.ChosenK, 3, 8);
        Assert.Equal(summary.Scores.MinBy(s => s.DaviesBouldin).K, summary.ChosenK);
        Assert.Equal(4338, summary.Segments.Sum(s => s.Customers));
        Assert.All(summary.Segments, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        Assert.True(File.Exists(Path.Combine(output, "segments.onnx")));
        Assert.True(File.Exists(Path.Combine(output, "segment-profiles.png")));
    }
}
