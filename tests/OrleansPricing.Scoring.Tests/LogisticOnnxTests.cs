using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Scoring.Tests;

public sealed class LogisticOnnxTests
{
    [Fact]
    public async Task The_exported_graph_scores_as_the_logistic_model_does()
    {
        var model = LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));
        using var scorer = OnnxScorer.Load(LogisticOnnx.Export(model), "logistic-v1", new ScoringOptions { ExecutionProvider = "cpu" });
        var now = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new FeatureMatrix(4);
        ProductFacts[] products = [new("A", "shoes", 80m, 30m, 0m, 0.3, 5, 1), new("B", "home", 12.5m, 4m, 10m, 0.2, 50, 0.2)];
        for (var r = 0; r < rows.Rows; r++)
        {
            FeatureDefinition.Write(rows.Row(r), CustomerFeatureSnapshot.ColdStart(now), products[r % 2], new QuoteContext("app", now), 0.1 * r);
        }

        var expected = await model.PredictAsync(rows);
        var actual = scorer.Score(rows.Values, rows.Rows);

        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 6));
    }

    [Fact]
    public void A_model_with_discount_interactions_scores_in_onnx_as_in_process()
    {
        var random = new Random(3);
        var model = new LearnedModel(ModelKinds.LogisticInteractions, -2.5,
            Enumerable.Range(0, LearnedModel.WidthOf(ModelKinds.LogisticInteractions)).Select(_ => random.NextDouble() * 2 - 1).ToArray());
        using var scorer = OnnxScorer.Load(LogisticOnnx.Export(model, "interactions"), "interactions", new ScoringOptions { ExecutionProvider = "cpu" });
        var rows = Enumerable.Range(0, 5 * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();

        var expected = model.Predict(rows, 5);
        var actual = scorer.Score(rows, 5);

        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 5));
    }
}
