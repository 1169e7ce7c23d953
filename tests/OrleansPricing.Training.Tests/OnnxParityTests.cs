using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Export;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Tests;

/// <summary>ONNX Runtime must predict what ML.NET predicts for the exported model, within 1e-4, on held-out rows.</summary>
public sealed class OnnxParityTests
{
    private static readonly CampaignData Artea = CampaignLoader.Load(SharedData.Path("artea-a_b-experiment-recoded.csv"),
        new CampaignSpec("test_coupon", "control", "trans_after", RevenueColumn: "revenue_after", IdColumn: "id"));

    [Theory]
    [InlineData(LearnerSpec.LogisticL2)]
    [InlineData(LearnerSpec.LogisticL1)]
    [InlineData(LearnerSpec.FastTree)]
    [InlineData(LearnerSpec.LightGbm)]
    public void Onnx_runtime_matches_mlnet_on_held_out_rows(string family)
    {
        var ml = new MLContext(seed: 1);
        var train = Artea.Subset(Enumerable.Range(0, 4000).ToList());
        var heldOut = Enumerable.Range(4000, 1000).Select(i => SLearner.Row(Artea.Features[i], Artea.Treated[i])).ToList();
        var model = SLearner.Fit(ml, LearnerSpec.Grid([family])[0], train.Features, train.Treated, train.Outcome);
        var path = Path.Combine(SharedData.TempDirectory(), $"{family}.onnx");

        OnnxModel.Export(ml, model.Model, heldOut, path);
        var expected = model.Model.Predict(heldOut);
        var actual = OnnxModel.Predict(path, heldOut);

        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-4, $"{family}: max |ML.NET − ONNX Runtime| = {worst}");
    }
}
