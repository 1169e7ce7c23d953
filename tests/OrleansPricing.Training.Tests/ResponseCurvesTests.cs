using System.Globalization;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Training.DecisionLog;

namespace OrleansPricing.Training.Tests;

public sealed class ResponseCurvesTests
{
    private static readonly LogisticResponseModel Truth = ServedModels.Prior;

    private static readonly IReadOnlyList<DecisionRecord> Log =
        DecisionLogSimulator.Simulate(Truth, 1_500, 0.3, seed: 17, new PricingOptions().DiscountGrid);

    [Fact]
    public void Each_later_decision_gets_the_probabilities_the_service_trained_model_gives_at_every_level()
    {
        var options = new LearningOptions();
        // Unknown outcomes among the oldest are left out of training, and written empty where scored.
        var log = Log.Select((record, i) => i % 10 == 3 ? record with { Purchased = null } : record).ToList();
        var text = new StringWriter();

        // 1,100 scored: more than one scoring batch (1,024 decisions).
        var summary = ResponseCurves.Write(log, 400, null, [ModelKinds.LogisticInteractions], options, seed: 1, text);

        var training = LearningRun.InTimeOrder(log).Take(400).Where(record => record.Purchased is not null).ToList();
        var model = LearningRun.Train(training, options, ModelKinds.LogisticInteractions, 1);
        // Default levels: list price and every level the log quoted (the simulator explores the whole default grid).
        var grid = new PricingOptions().DiscountGrid.Prepend(0).Distinct().Order().ToList();
        Assert.Equal((360, training.Count(r => r.Purchased == true), 1_100), (summary.Trained, summary.Purchases, summary.Scored));
        Assert.Equal(grid, summary.Levels);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            string.Join(',', ["decision_id", "customer_id", "sku", "timestamp", "discount", "purchased", .. grid.Select(level => $"logistic-interactions@{level.ToString(CultureInfo.InvariantCulture)}")]),
            lines[0]);
        Assert.Equal(1_101, lines.Length);
        var scored = LearningRun.InTimeOrder(log).Skip(400).ToList();
        var row = new float[grid.Count * FeatureDefinition.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal(scored[i].DecisionId, fields[0]);
            Assert.Equal(scored[i].Purchased switch { true => "1", false => "0", null => "" }, fields[5]);
            for (var l = 0; l < grid.Count; l++)
            {
                scored[i].WriteFeatures(row.AsSpan(l * FeatureDefinition.Count, FeatureDefinition.Count), grid[l]);
            }

            var expected = model.Predict(row, grid.Count);
            Assert.Equal(expected, fields[6..].Select(field => float.Parse(field, CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Without_kinds_the_candidates_are_the_learning_runs_in_its_order_and_as_it_trains_them()
    {
        var options = new LearningOptions();
        var text = new StringWriter();

        ResponseCurves.Write(Log, 1_400, [0, 0.2], null, options, seed: 1, text);

        var candidates = LearningRun.TrainCandidates(LearningRun.InTimeOrder(Log).Take(1_400).ToList(), options, 1);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            "decision_id,customer_id,sku,timestamp,discount,purchased,ensemble@0,ensemble@0.2,behaviour-segments@0,behaviour-segments@0.2,logistic-interactions@0,logistic-interactions@0.2",
            lines[0]);
        var scored = LearningRun.InTimeOrder(Log).Skip(1_400).ToList();
        var rows = new float[scored.Count * 2 * FeatureDefinition.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            scored[i].WriteFeatures(rows.AsSpan(2 * i * FeatureDefinition.Count, FeatureDefinition.Count), 0);
            scored[i].WriteFeatures(rows.AsSpan(((2 * i) + 1) * FeatureDefinition.Count, FeatureDefinition.Count), 0.2);
        }

        var expected = candidates.Select(model => model.Predict(rows, 2 * scored.Count)).ToList();
        for (var i = 0; i < scored.Count; i++)
        {
            var written = lines[i + 1].Split(',')[6..].Select(field => float.Parse(field, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected.SelectMany(probabilities => probabilities[(2 * i)..((2 * i) + 2)]), written);
        }
    }

    [Fact]
    public void Levels_asked_for_are_scored_in_ascending_order_once_each()
    {
        var text = new StringWriter();

        var summary = ResponseCurves.Write(Log, 1_400, [0.3, 0, 0.125, 0.3], [ModelKinds.Logistic], new LearningOptions(), seed: 1, text);

        Assert.Equal([0, 0.125, 0.3], summary.Levels);
        Assert.StartsWith("decision_id,customer_id,sku,timestamp,discount,purchased,logistic@0,logistic@0.125,logistic@0.3\n", text.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(1_500, null, "logistic", "--train 1500 leaves nothing to score: the log holds 1500 decisions.")]
    [InlineData(0, null, "logistic", "--train 0 leaves nothing to train on: the log holds 1500 decisions.")]
    [InlineData(100, null, "segments", "--kinds: unknown kind(s) 'segments'; known: ensemble, behaviour-segments, logistic-interactions, response-network, logistic.")]
    [InlineData(100, 1.0, "logistic", "--levels: a level is a fraction of the list price in [0, 1), got 1.")]
    public void A_split_kind_or_level_it_cannot_use_is_refused_naming_the_option(int train, double? level, string kind, string message)
    {
        var text = new StringWriter();

        var error = Assert.Throws<ArgumentException>(() =>
            ResponseCurves.Write(Log, train, level is { } l ? [0, l] : null, [kind], new LearningOptions(), seed: 1, text));

        Assert.Equal(message, error.Message);
        Assert.Equal("", text.ToString());
    }

    [Fact]
    public void Oldest_decisions_without_a_known_outcome_are_refused_rather_than_trained_on()
    {
        var log = Log.Select(record => record with { Purchased = null }).ToList();

        var error = Assert.Throws<ArgumentException>(() =>
            ResponseCurves.Write(log, 100, null, [ModelKinds.Logistic], new LearningOptions(), seed: 1, new StringWriter()));

        Assert.Equal("--train 100: none of the oldest 100 decisions has a known outcome yet.", error.Message);
    }
}
