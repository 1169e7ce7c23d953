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

    [Fact]
    public void The_reference_terms_score_in_onnx_as_in_process_on_each_side_of_the_usual_depth()
    {
        // Every weight 0 but the two reference terms', so each probability shows which of them the row turned on.
        var weights = new double[LearnedModel.WidthOf(ModelKinds.LogisticInteractions)];
        (weights[^2], weights[^1]) = (1.5, -8);
        var model = new LearnedModel(ModelKinds.LogisticInteractions, -2, weights);
        using var scorer = OnnxScorer.Load(LogisticOnnx.Export(model, "reference"), "reference", new ScoringOptions { ExecutionProvider = "cpu" });
        float[] levels = [0, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.4f];
        (float Share, float Depth)[] customers = [(0, 0), (0.5f, 0.05f), (0.5f, 0.096f), (0.8f, 0.2f), (0.1f, 0.5f)];
        var rows = new float[customers.Length * levels.Length * FeatureDefinition.Count];
        for (var c = 0; c < customers.Length; c++)
        {
            for (var l = 0; l < levels.Length; l++)
            {
                var row = rows.AsSpan(((c * levels.Length) + l) * FeatureDefinition.Count, FeatureDefinition.Count);
                row[FeatureDefinition.IndexOf("frequency")] = MathF.Log(1 + 4);
                row[FeatureDefinition.IndexOf("discounted_purchase_share")] = customers[c].Share;
                row[FeatureDefinition.IndexOf("discount_depth")] = customers[c].Depth;
                row[FeatureDefinition.DiscountColumn] = levels[l];
            }
        }

        var expected = model.Predict(rows, customers.Length * levels.Length);
        var actual = scorer.Score(rows, customers.Length * levels.Length);

        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6));
        // The customer used to 25% (0.2 / 0.8) with 3.2 of four purchases discounted: 20% is short of it by 5 points,
        // 25% reaches it, each weighed by ln(1 + 3.2).
        var used = actual.AsSpan(3 * levels.Length, levels.Length);
        Assert.Equal(1 / (1 + Math.Exp(2 + (8 * 0.05 * Math.Log(4.2)))), used[4], 5);
        Assert.Equal(1 / (1 + Math.Exp(2 - (1.5 * Math.Log(4.2)))), used[5], 5);
        // Without a discounted purchase every level scores the intercept alone.
        Assert.All(actual[..levels.Length], p => Assert.Equal(1 / (1 + Math.Exp(2)), p, 5));
    }

    [Fact]
    public void The_response_network_scores_in_onnx_as_in_process_and_rises_with_the_discount()
    {
        var random = new Random(5);
        var count = 2000;
        var rows = Enumerable.Range(0, count * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, count).Select(r => random.NextDouble() < 0.1 + 0.5 * rows[r * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] * rows[r * FeatureDefinition.Count]).ToList();
        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, count).ToList(), seed: 3, new NetworkShape([32, 16, 8], 3), epochs: 5);
        using var scorer = OnnxScorer.Load(ResponseNetworkOnnx.Export(network, "network"), "network", new ScoringOptions { ExecutionProvider = "cpu" });

        var expected = network.Predict(rows, 200);
        var actual = scorer.Score(rows[..(200 * FeatureDefinition.Count)], 200);

        // Every channel's embedding row is used: app + 2·email of the random rows covers 0, 1 and 2.
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 200).Select(r => ResponseNetwork.ChannelOf(rows.AsSpan(r * FeatureDefinition.Count, FeatureDefinition.Count))).Distinct().Order());
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));
        var row = rows[..FeatureDefinition.Count];
        var byDiscount = new[] { 0f, 0.1f, 0.2f, 0.4f }.Select(d =>
        {
            row[FeatureDefinition.DiscountColumn] = d;
            return network.Predict(row, 1)[0];
        }).ToList();
        Assert.Equal(byDiscount.Order(), byDiscount);
    }

    [Fact]
    public void The_response_network_with_discount_steps_scores_in_onnx_as_in_process_on_each_side_of_every_step()
    {
        var random = new Random(6);
        const int Count = 1500;
        float[] grid = [0, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f];
        var rows = Enumerable.Range(0, Count * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        for (var r = 0; r < Count; r++)
        {
            rows[r * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] = grid[r % grid.Length];
        }

        var labels = Enumerable.Range(0, Count).Select(r => random.NextDouble() < (grid[r % grid.Length] >= 0.2f ? 0.4 : 0.08) * (0.5 + rows[r * FeatureDefinition.Count])).ToList();
        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, Count).ToList(), seed: 3, new NetworkShape([16, 8], 2, Steps: [0.1, 0.15, 0.2, 0.25, 0.3]), epochs: 5);
        using var scorer = OnnxScorer.Load(ResponseNetworkOnnx.Export(network, "stepped-network"), "stepped-network", new ScoringOptions { ExecutionProvider = "cpu" });
        // Every grid level, and a hair below each step, where the trainer's comparison and the graph's must agree.
        float[] discounts = [.. grid, .. grid.Skip(2).Select(d => d - 0.001f)];
        var scored = new float[discounts.Length * FeatureDefinition.Count];
        for (var i = 0; i < discounts.Length; i++)
        {
            rows.AsSpan(i * FeatureDefinition.Count, FeatureDefinition.Count).CopyTo(scored.AsSpan(i * FeatureDefinition.Count));
            scored[i * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] = discounts[i];
        }

        var expected = network.Predict(scored, discounts.Length);
        var actual = scorer.Score(scored, discounts.Length);

        Assert.Equal(9, network.Shape.DiscountShapes);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));
    }

    [Fact]
    public void The_response_network_with_a_sequence_encoder_scores_in_onnx_as_in_process_and_the_pool_refuses_its_wider_rows()
    {
        var random = new Random(8);
        const int Count = 600;
        var shape = new NetworkShape([16, 8], 2, SequenceFilters: 6, SequenceKernel: 3);
        var width = ResponseNetwork.RowWidthOf(shape);
        var rows = Enumerable.Range(0, Count * width).Select(i => i % width >= FeatureDefinition.Count && random.NextDouble() < 0.3 ? 0f : (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Count).Select(r => random.NextDouble() < 0.1 + 0.4 * rows[r * width + FeatureDefinition.Count]).ToList();
        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, Count).ToList(), seed: 3, shape, epochs: 5);
        var onnx = ResponseNetworkOnnx.Export(network, "sequence-network");
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        const int Scored = 100;
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(rows[..(Scored * width)], [Scored, width]);
        using var output = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["Features"] = input }, ["Probability"]);

        var expected = network.Predict(rows, Scored);
        var actual = output[0].GetTensorDataAsSpan<float>().ToArray();

        Assert.Equal(Scored, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));
        // Serving reads feature-definition rows only: the registry's loader refuses the sequence network, naming the width.
        var refused = Assert.Throws<InvalidScoringModelException>(() => OnnxScorer.Load(onnx, "sequence-network", new ScoringOptions { ExecutionProvider = "cpu" }));
        Assert.Contains($"expected Single[-1, {FeatureDefinition.Count}]", refused.Message);
    }

    [Fact]
    public void A_segment_model_scores_in_onnx_as_in_process_at_every_level_and_between_them()
    {
        var random = new Random(8);
        BehaviourSegment[] segments = [new(0.3, 12, 4, 3, 0.7, 0.2, 0.05), new(0.5, 5, 2, 5, 0.05, 0.1, 0.03), new(0.2, 8, 3, 2, 0.4, 0.12, 0.04)];
        double[] levels = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4];
        var weights = Enumerable.Range(0, SegmentResponseModel.WidthOf(segments.Length, levels.Length)).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var model = new SegmentResponseModel(new BehaviourMixture(segments), levels, -2, weights);
        using var scorer = OnnxScorer.Load(LogisticOnnx.Export(model, "segments"), "segments", new ScoringOptions { ExecutionProvider = "cpu" });
        float[] discounts = [0, 0.05f, 0.075f, 0.1f, 0.2f, 0.25f, 0.4f, 0.5f];
        const int customers = 6;
        var rows = new float[customers * discounts.Length * FeatureDefinition.Count];
        for (var c = 0; c < customers; c++)
        {
            // Counts, a discounted share (none for the first customer) and a depth below it, then every discount.
            var customer = Enumerable.Range(0, FeatureDefinition.Count).Select(_ => (float)random.NextDouble() * 2.5f).ToArray();
            customer[FeatureDefinition.DiscountedShareColumn] = c == 0 ? 0 : (float)random.NextDouble();
            customer[FeatureDefinition.DiscountDepthColumn] = customer[FeatureDefinition.DiscountedShareColumn] * (float)random.NextDouble() * 0.4f;
            for (var d = 0; d < discounts.Length; d++)
            {
                var row = rows.AsSpan(((c * discounts.Length) + d) * FeatureDefinition.Count, FeatureDefinition.Count);
                customer.CopyTo(row);
                row[FeatureDefinition.DiscountColumn] = discounts[d];
            }
        }

        var count = customers * discounts.Length;
        var expected = model.Predict(rows, count);
        var actual = scorer.Score(rows, count);

        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 5));
        Assert.Equal(expected.Length, expected.Distinct().Count());
    }

    [Fact]
    public void An_ensemble_scores_in_onnx_as_the_weighted_mean_of_its_parts_in_process()
    {
        var random = new Random(9);
        const int Count = 800;
        var rows = Enumerable.Range(0, Count * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Count).Select(r => random.NextDouble() < 0.1 + 0.5 * rows[r * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] * rows[r * FeatureDefinition.Count]).ToList();
        var interactions = new LearnedModel(ModelKinds.LogisticInteractions, -2.5,
            Enumerable.Range(0, LearnedModel.WidthOf(ModelKinds.LogisticInteractions)).Select(_ => random.NextDouble() - 0.5).ToArray());
        ResponseNetwork[] networks = [.. new[] { 3, 4 }.Select(seed =>
            ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, Count).ToList(), seed, new NetworkShape([16, 8], 3, Steps: [0.1, 0.2]), epochs: 3))];
        BehaviourSegment[] segments = [new(0.4, 12, 4, 3, 0.7, 0.2, 0.05), new(0.6, 5, 2, 5, 0.05, 0.1, 0.03)];
        double[] levels = [0.05, 0.1, 0.2, 0.4];
        var segmentModel = new SegmentResponseModel(new BehaviourMixture(segments), levels, -2,
            [.. Enumerable.Range(0, SegmentResponseModel.WidthOf(segments.Length, levels.Length)).Select(_ => random.NextDouble() - 0.5)]);
        var ensemble = EnsembleModel.Of(interactions, networks, segmentModel);
        using var scorer = OnnxScorer.Load(LogisticOnnx.Export(ensemble, "ensemble"), "ensemble", new ScoringOptions { ExecutionProvider = "cpu" });

        var expected = ensemble.Predict(rows, 100);
        var actual = scorer.Score(rows[..(100 * FeatureDefinition.Count)], 100);
        var byHand = interactions.Predict(rows, 100).Zip(networks[0].Predict(rows, 100), networks[1].Predict(rows, 100))
            .Zip(segmentModel.Predict(rows, 100))
            .Select(p => (0.25 * p.First.First) + (0.125 * p.First.Second) + (0.125 * p.First.Third) + (0.5 * p.Second)).ToList();

        Assert.Equal([0.25, 0.125, 0.125, 0.5], ensemble.Parts.Select(part => part.Weight));
        Assert.Same(segmentModel, ensemble.Segments);
        Assert.All(expected.Zip(byHand), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-6));
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));

        // Unequal weights for the two networks, so that a graph weighting one network's output by the other's weight fails.
        var uneven = new EnsembleModel([(interactions, 0.5), (networks[0], 0.1), (networks[1], 0.4)]);
        using var unevenScorer = OnnxScorer.Load(LogisticOnnx.Export(uneven, "uneven"), "uneven", new ScoringOptions { ExecutionProvider = "cpu" });
        Assert.All(uneven.Predict(rows, 100).Zip(unevenScorer.Score(rows[..(100 * FeatureDefinition.Count)], 100)),
            pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));
        Assert.True(networks[0].Predict(rows, 100).Zip(networks[1].Predict(rows, 100)).Max(pair => Math.Abs(pair.First - pair.Second)) > 1e-3);
    }

    [Fact]
    public void A_network_scores_every_level_of_a_quote_as_in_process_when_its_trunk_runs_once_a_sku()
    {
        // Quote-shaped rows, as a customer grain sends them: 30 (customer, SKU) rows, each at nine discount levels, the
        // levels of one SKU scattered among the others' (a micro-batch of several quotes), two SKUs' rows equal before
        // the discount and one on another channel only. The graph scores the distinct rows' trunk and hands each row its own.
        var random = new Random(11);
        const int Pairs = 30;
        const int Levels = 9;
        var width = FeatureDefinition.Count;
        var bases = Enumerable.Range(0, Pairs * width).Select(_ => (float)random.NextDouble()).ToArray();
        for (var p = 0; p < Pairs; p++)
        {
            bases[(p * width) + FeatureDefinition.IndexOf("channel_app")] = p % 3 == 1 ? 1 : 0;
            bases[(p * width) + FeatureDefinition.IndexOf("channel_email")] = p % 3 == 2 ? 1 : 0;
        }

        bases.AsSpan(0, width).CopyTo(bases.AsSpan(width, width));
        bases.AsSpan(0, width).CopyTo(bases.AsSpan(2 * width, width));
        bases[(2 * width) + FeatureDefinition.IndexOf("channel_app")] = 1;
        var order = Enumerable.Range(0, Pairs * Levels).ToArray();
        random.Shuffle(order);
        var rows = new float[order.Length * width];
        for (var r = 0; r < order.Length; r++)
        {
            var (pair, level) = (order[r] / Levels, order[r] % Levels);
            bases.AsSpan(pair * width, width).CopyTo(rows.AsSpan(r * width, width));
            rows[(r * width) + FeatureDefinition.DiscountColumn] = 0.05f * level;
        }

        var labels = Enumerable.Range(0, order.Length).Select(r => random.NextDouble() < 0.1 + 0.6 * rows[r * width + FeatureDefinition.DiscountColumn]).ToList();
        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, order.Length).ToList(), seed: 4, new NetworkShape([16, 8], 3, Steps: [0.1, 0.2]), epochs: 5);
        using var scorer = OnnxScorer.Load(ResponseNetworkOnnx.Export(network, "network"), "network", new ScoringOptions { ExecutionProvider = "cpu" });

        var expected = network.Predict(rows, order.Length);
        var actual = scorer.Score(rows, order.Length);

        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-5));
        // Rows of one SKU differ by level, and the rows equal before the discount but for the channel differ: only the
        // two SKUs made equal score alike.
        Assert.Equal((Pairs - 1) * Levels, expected.Distinct().Count());
    }
}
