using System.Diagnostics;
using System.Globalization;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.Training.DecisionLog;

/// <summary>
/// The learning service's candidate models trained on the oldest decisions of a decision log, and each one's purchase
/// probability at every discount level for each later decision. Why: a simulator that knows its customers' true response
/// can judge the candidates' policies (the greedy level by expected profit, say) on decisions they did not see, without
/// the project knowing that truth — how the independent simulators outside the project judge the models
/// (docs/learning.md, "The promotion-calendar world"). The models are trained as the learning service trains them
/// (<see cref="LearningRun.Train"/>, the same options and seed).
/// </summary>
public static class ResponseCurves
{
    public static IReadOnlyList<string> KnownKinds { get; } =
        [ModelKinds.Ensemble, ModelKinds.Segments, ModelKinds.LogisticInteractions, ModelKinds.ResponseNetwork, ModelKinds.Logistic];

    /// <param name="Trained">Decisions with a known outcome among the oldest <c>train</c>, which the models learned from.</param>
    public sealed record Summary(int Trained, int Purchases, int Scored, IReadOnlyList<double> Levels);

    /// <summary>
    /// Trains <paramref name="kinds"/> on the labelled decisions among the oldest <paramref name="train"/> (in time order)
    /// and writes a CSV to <paramref name="output"/>: one row per later decision — decision_id, customer_id, sku,
    /// timestamp, discount (the level logged), purchased (1, 0, or empty while unknown) — then one column per kind and
    /// level, <c>kind@level</c>. <paramref name="levels"/> null: list price and every level the log quoted;
    /// <paramref name="kinds"/> null: the learning service's candidates, trained as a run trains them
    /// (<see cref="LearningRun.TrainCandidates"/>).
    /// </summary>
    /// <param name="progress">Told when each kind is trained (an ensemble on a large log takes a minute).</param>
    /// <exception cref="ArgumentException">An unknown kind, a level outside [0, 1), or a split that leaves nothing to train on or to score.</exception>
    public static Summary Write(
        IReadOnlyList<DecisionRecord> log, int train, IReadOnlyList<double>? levels, IReadOnlyList<string>? kinds, LearningOptions options, int seed,
        TextWriter output, Action<string>? progress = null)
    {
        kinds = kinds is null ? null : [.. kinds.Distinct()];
        var unknown = kinds?.Where(kind => !KnownKinds.Contains(kind)).ToList() ?? [];
        if (kinds is { Count: 0 })
        {
            throw new ArgumentException($"--kinds: name at least one of {string.Join(", ", KnownKinds)}.");
        }

        if (unknown.Count > 0)
        {
            throw new ArgumentException($"--kinds: unknown kind(s) '{string.Join("', '", unknown)}'; known: {string.Join(", ", KnownKinds)}.");
        }

        if (levels?.Where(level => !(level >= 0 && level < 1)).Cast<double?>().FirstOrDefault() is { } bad)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--levels: a level is a fraction of the list price in [0, 1), got {bad}."));
        }

        var ordered = LearningRun.InTimeOrder(log);
        if (train < 1 || train >= ordered.Count)
        {
            throw new ArgumentException($"--train {train} leaves nothing to {(train < 1 ? "train on" : "score")}: the log holds {ordered.Count} decisions.");
        }

        var training = ordered.Take(train).Where(record => record.Purchased is not null).ToList();
        if (training.Count == 0)
        {
            throw new ArgumentException($"--train {train}: none of the oldest {train} decisions has a known outcome yet.");
        }

        var scored = ordered.Skip(train).ToList();
        IReadOnlyList<double> grid = levels is null ? [.. ordered.Select(record => record.Discount).Append(0).Distinct().Order()] : [.. levels.Distinct().Order()];
        T Timed<T>(string what, Func<T> fit)
        {
            var started = Stopwatch.GetTimestamp();
            var fitted = fit();
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Trained {what} on {training.Count} decisions in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s."));
            return fitted;
        }

        IReadOnlyList<ICandidateModel> models = kinds is null ? Timed("the learning service's candidates", () => LearningRun.TrainCandidates(training, options, seed)) : [.. kinds.Select(kind =>
        {
            try
            {
                return Timed(kind, () => LearningRun.Train(training, options, kind, seed));
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException($"{kind}: {exception.Message}", exception);
            }
        })];
        // One column a model and level, named kind@level: the header and every row's fields.
        var curves = models.SelectMany(model => grid.Select(level => $"{model.Kind}@{LevelText(level)}")).ToList();
        output.WriteLine(DecisionLogCsv.HeaderOf(["decision_id", "customer_id", "sku", "timestamp", "discount", "purchased", .. curves]));
        using var writer = DecisionLogCsv.RowWriter(output);
        // Each model scores a batch of decisions at every level in one call (the ensemble's networks run their trunk once
        // a call, the segment model builds its gate once a call).
        var rows = new float[ScoringBatch * grid.Count * FeatureDefinition.Count];
        foreach (var batch in scored.Chunk(ScoringBatch))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                for (var l = 0; l < grid.Count; l++)
                {
                    batch[i].WriteFeatures(rows.AsSpan(((i * grid.Count) + l) * FeatureDefinition.Count, FeatureDefinition.Count), grid[l]);
                }
            }

            var probabilities = models.Select(model => model.Predict(rows, batch.Length * grid.Count)).ToList();
            for (var i = 0; i < batch.Length; i++)
            {
                var record = batch[i];
                using var row = writer.NewRow();
                row["decision_id"].Set(record.DecisionId);
                row["customer_id"].Set(record.CustomerId);
                row["sku"].Set(record.Product.Sku);
                row["timestamp"].Set(record.Timestamp.ToString("O", CultureInfo.InvariantCulture));
                row["discount"].Format(record.Discount);
                row["purchased"].Set(record.Purchased switch { true => "1", false => "0", null => "" });
                for (var k = 0; k < models.Count; k++)
                {
                    for (var l = 0; l < grid.Count; l++)
                    {
                        row[curves[(k * grid.Count) + l]].Format(probabilities[k][(i * grid.Count) + l]);
                    }
                }
            }
        }

        return new Summary(training.Count, training.Count(record => record.Purchased == true), scored.Count, grid);
    }

    /// <summary>Decisions scored a model call: 1,024 at nine levels is a few megabytes of rows.</summary>
    private const int ScoringBatch = 1_024;

    /// <summary>A level as the columns name it: the shortest text that reads back as the same number (0.05, 0.125).</summary>
    public static string LevelText(double level) => level.ToString(CultureInfo.InvariantCulture);
}
