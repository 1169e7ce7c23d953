using Google.Protobuf;
using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Scoring.Tests;

public sealed class DistinctRowsGraphTests
{
    private static readonly ScoringOptions Cpu = new() { ExecutionProvider = "cpu" };

    [Fact]
    public void An_ensembles_networks_rewritten_to_run_their_trunk_on_every_row_score_as_the_every_row_export_does()
    {
        var (ensemble, rows, count) = Ensemble();
        var distinct = EnsembleOnnx.Export(ensemble, "ensemble");

        var rewritten = DistinctRowsGraph.ToEveryRow(distinct);

        // Two networks, each with its Unique and two Gathers by row: none left, and as many nodes as before.
        Assert.Equal(2, Nodes(distinct).Count(op => op == "Unique"));
        Assert.DoesNotContain("Unique", Nodes(rewritten));
        Assert.Equal(Nodes(distinct).Count(op => op == "Gather") - 4, Nodes(rewritten).Count(op => op == "Gather"));
        Assert.Equal(Nodes(distinct).Count, Nodes(rewritten).Count);
        using var everyRow = OnnxScorer.Load(EnsembleOnnx.Export(ensemble, "ensemble", distinctRows: false), "every-row", Cpu);
        using var distinctScorer = OnnxScorer.Load(distinct, "distinct", Cpu);
        using var rewrittenScorer = OnnxScorer.Load(rewritten, "rewritten", Cpu);
        Assert.Equal(everyRow.Score(rows, count), rewrittenScorer.Score(rows, count));
        Assert.All(distinctScorer.Score(rows, count).Zip(rewrittenScorer.Score(rows, count)), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-6));
    }

    [Fact]
    public void A_graph_without_distinct_rows_or_with_a_unique_the_export_does_not_write_is_left_as_it_is()
    {
        var (ensemble, _, _) = Ensemble();
        var lightGbm = Models.LightGbm;
        var flattening = ModelProto.Parser.ParseFrom(ResponseNetworkOnnx.Export(ensemble.ResponseNetworks.First(), "network"));
        var unique = flattening.Graph.Node.Single(node => node.OpType == "Unique");
        unique.Attribute.Remove(unique.Attribute.Single(attribute => attribute.Name == "axis"));
        var flatteningBytes = flattening.ToByteArray();
        byte[] notOnnx = [1, 2, 3];

        Assert.Same(lightGbm, DistinctRowsGraph.ToEveryRow(lightGbm));
        Assert.Same(flatteningBytes, DistinctRowsGraph.ToEveryRow(flatteningBytes));
        Assert.Same(notOnnx, DistinctRowsGraph.ToEveryRow(notOnnx));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Under_cuda_the_scorer_serves_the_trunk_on_every_row_unless_told_not_to(bool setting, bool expected)
    {
        var (ensemble, rows, count) = Ensemble();
        var distinct = EnsembleOnnx.Export(ensemble, "ensemble");
        // The CUDA provider "appended" by a stand-in: the choice says CUDA while the session runs on this machine's CPU.
        var options = new ScoringOptions { ExecutionProvider = "cuda", CudaTrunkOnEveryRow = setting };

        using var underCuda = OnnxScorer.Load(distinct, "ensemble", options, appendCuda: _ => { });
        using var onCpu = OnnxScorer.Load(distinct, "ensemble", new ScoringOptions { ExecutionProvider = "cpu", CudaTrunkOnEveryRow = setting });
        using var lightGbm = OnnxScorer.Load(Models.LightGbm, "lightgbm", options, appendCuda: _ => { });

        Assert.Equal((ExecutionProviderChoice.Cuda, expected), (underCuda.Provider.Provider, underCuda.TrunkOnEveryRow));
        Assert.False(onCpu.TrunkOnEveryRow);
        Assert.False(lightGbm.TrunkOnEveryRow);
        Assert.All(onCpu.Score(rows, count).Zip(underCuda.Score(rows, count)), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-6));
    }

    private static List<string> Nodes(byte[] model) => [.. ModelProto.Parser.ParseFrom(model).Graph.Node.Select(node => node.OpType)];

    /// <summary>The interaction model and two small networks; 40 quote-shaped rows: ten SKUs at four levels each.</summary>
    private static (EnsembleModel Ensemble, float[] Rows, int Count) Ensemble()
    {
        var random = new Random(13);
        const int Count = 400;
        var width = FeatureDefinition.Count;
        var training = Enumerable.Range(0, Count * width).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Count).Select(r => random.NextDouble() < 0.1 + 0.5 * training[r * width + FeatureDefinition.DiscountColumn]).ToList();
        var interactions = new LearnedModel(ModelKinds.LogisticInteractions, -2.5,
            Enumerable.Range(0, LearnedModel.WidthOf(ModelKinds.LogisticInteractions)).Select(_ => random.NextDouble() - 0.5).ToArray());
        ResponseNetwork[] networks = [.. new[] { 3, 4 }.Select(seed =>
            ResponseNetwork.Train(training, labels, Enumerable.Repeat(1.0, Count).ToList(), seed, new NetworkShape([16, 8], 3, Steps: [0.1, 0.2]), epochs: 2))];

        const int Skus = 10;
        const int Levels = 4;
        var rows = new float[Skus * Levels * width];
        for (var r = 0; r < Skus * Levels; r++)
        {
            training.AsSpan(r / Levels * width, width).CopyTo(rows.AsSpan(r * width, width));
            rows[(r * width) + FeatureDefinition.DiscountColumn] = 0.1f * (r % Levels);
        }

        return (new EnsembleModel([(interactions, 0.5), (networks[0], 0.2), (networks[1], 0.3)]), rows, Skus * Levels);
    }
}
