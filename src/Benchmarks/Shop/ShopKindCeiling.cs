using System.Globalization;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// How far a learner could get from the same decisions if it were told each customer's kind: a logistic model of the
/// truth's own form — the feature row plus a free response per true kind and discount level, as
/// <see cref="ShopWorld.Probability"/> multiplies a kind's discount curve into everything else — trained on the oldest
/// third, two thirds and all of the log and judged by the truth like the candidates. What it misses is what the log's
/// answers cannot tell at any identification of the kinds (the judge's table by kind and level shows where they are few).
/// The same model given only each kind's posterior from the customer's history (<see cref="ShopWorld.KindPosterior"/>)
/// instead of the kind shows what identification from behaviour could at best reach; given the posterior updated by the
/// customer's answers to earlier quotes (<see cref="ShopWorld.UpdateKindPosterior"/>), what the answers add to it.
/// </summary>
internal static class ShopKindCeiling
{
    /// <summary>The discount levels above list price of the world's grid.</summary>
    private static readonly int Levels = ShopWorld.Grid.Length - 1;

    /// <summary>
    /// The random walk's precision. Measured with the kinds told on the oldest third of steep seeds 7 and 11's logs
    /// (2026-11-30): 1 captured 44.7% on seed 7's (10: 80.2%), 100 captured 1.0% on seed 11's (10: 79.7%); docs/learning.md.
    /// </summary>
    private const double WalkPrecision = 10;

    public static void Report(
        IReadOnlyList<DecisionRecord> training, HeldOutDecisions judged, IReadOnlyDictionary<string, ShopCustomer> customers,
        IReadOnlyDictionary<string, IReadOnlyList<double>> posteriors, ShopWorld world,
        Func<OffPolicyEvaluation.Scored, double> captured, Func<OffPolicyEvaluation.Scored, string> byKind)
    {
        var kinds = world.Kinds;
        var known = training.Where(r => customers.ContainsKey(r.CustomerId)).ToList();
        // Each customer's membership of the kinds, once: told (1 for their kind) or from their history (the posterior).
        var told = customers.ToDictionary(
            c => c.Key, c => (IReadOnlyList<double>)[.. kinds.Select(kind => kind == c.Value.Kind ? 1.0 : 0)], StringComparer.Ordinal);
        var fromHistory = customers.ToDictionary(c => c.Key, c => posteriors[c.Value.Id], StringComparer.Ordinal);
        // The history's posterior updated by each answer in turn: before each training decision, by the customer's answers
        // before it; for the judged round, by all of them.
        var beforeAnswer = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var withAnswers = customers.ToDictionary(c => c.Key, c => posteriors[c.Value.Id].ToArray(), StringComparer.Ordinal);
        foreach (var record in known)
        {
            var posterior = withAnswers[record.CustomerId];
            beforeAnswer[record.DecisionId] = [.. posterior];
            world.UpdateKindPosterior(posterior, customers[record.CustomerId], world.Facts[record.Product.Sku], record.Discount, record.Purchased == true);
        }

        Console.WriteLine("What the answers before the last round add to the history (the truth's likelihoods): each kind's customers with answers, their answered lines and purchases, and the mean posterior of their own kind from the history alone and with the answers:");
        var answers = known.GroupBy(r => r.CustomerId, StringComparer.Ordinal).ToDictionary(c => c.Key, c => (Lines: c.Count(), Bought: c.Count(r => r.Purchased == true)), StringComparer.Ordinal);
        foreach (var kind in customers.Where(c => answers.ContainsKey(c.Key)).GroupBy(c => c.Value.Kind))
        {
            var k = kinds.ToList().IndexOf(kind.Key);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind.Key.Name}: {kind.Count():N0} customers, {kind.Average(c => answers[c.Key].Lines):F1} lines and {kind.Average(c => answers[c.Key].Bought):F2} purchases each; own kind {kind.Average(c => posteriors[c.Value.Id][k]):F3} from the history, {kind.Average(c => withAnswers[c.Key][k]):F3} with the answers"));
        }

        // The log's answers per kind and level, where they are few: the judge's table "By kind and level" (ShopJudge).
        Console.WriteLine("Told each customer's kind (the feature row and a free response per kind and level, the truth's form):");
        var width = FeatureDefinition.Count + (kinds.Count * (1 + Levels));
        int[][] levelsOfEachKind = [.. Enumerable.Range(0, kinds.Count).Select(k => Enumerable.Range(1, Levels).Select(level => FeatureDefinition.Count + (k * (1 + Levels)) + level).ToArray())];
        // Told the kind, or only what the customer's history tells of it (the posterior each kind's indicators are then
        // weighted by: the identification a learner reading behaviour could at best reach).
        // Each membership is read per decision: for training, as of the decision; for the judged round, as of its start.
        (string Prior, int[][]? Walks, Func<DecisionRecord, IReadOnlyList<double>> Training, Func<DecisionRecord, IReadOnlyList<double>> Judged)[] variants =
        [
            ("told the kind, the per-decision ridge of the loop's models", null, r => told[r.CustomerId], r => told[r.CustomerId]),
            ($"told the kind, a random walk over each kind's levels (precision {WalkPrecision})", levelsOfEachKind, r => told[r.CustomerId], r => told[r.CustomerId]),
            ("told what the history tells of the kind, the same walk", levelsOfEachKind, r => fromHistory[r.CustomerId], r => fromHistory[r.CustomerId]),
            ("told what the history and the earlier answers tell of it, the same walk", levelsOfEachKind, r => beforeAnswer[r.DecisionId], r => withAnswers[r.CustomerId]),
        ];
        (string Label, double Share)[] logs = [("oldest third", 1.0 / 3), ("oldest two thirds", 2.0 / 3), ("whole log", 1.0)];
        foreach (var ((prior, walks, membership, judgedMembership), (label, share)) in variants.SelectMany(v => logs.Select(l => (v, l))))
        {
            var older = known.Take((int)(known.Count * share)).ToList();
            var rows = new float[older.Count * width];
            var row = new float[FeatureDefinition.Count];
            for (var i = 0; i < older.Count; i++)
            {
                older[i].WriteFeatures(row);
                Expand(row, membership(older[i]), rows.AsSpan(i * width, width));
            }

            var (intercept, weights) = WeightedLogisticRegression.Fit(
                rows, width, [.. older.Select(r => r.Purchased == true)], [.. older.Select(_ => 1.0)], new LearningOptions().L2,
                walks: walks, walkPrecision: WalkPrecision);
            var scored = OffPolicyEvaluation.Score(judged, (values, count) =>
            {
                // Score asks for every grid level of each judged decision in turn: row r is decision r / levels.
                var probabilities = new float[count];
                var input = new float[width];
                for (var r = 0; r < count; r++)
                {
                    Expand(values.AsSpan(r * FeatureDefinition.Count, FeatureDefinition.Count), judgedMembership(judged.Records[r / judged.Grid.Count]), input);
                    var z = intercept;
                    for (var j = 0; j < width; j++)
                    {
                        z += weights[j] * input[j];
                    }

                    probabilities[r] = (float)(1 / (1 + Math.Exp(-z)));
                }

                return probabilities;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {prior}, trained on the {label} ({older.Count:N0} decisions): captured {captured(scored):P1}, mean discount {scored.Choices.Average(g => judged.Grid[g]):P1}; by kind {byKind(scored)}"));
        }
    }

    /// <summary>
    /// The row, then for each kind its indicator and the indicator of the quote's level (5%–40%), both weighted by the
    /// customer's <paramref name="membership"/> of the kind (1 for the kind told, 0 for the others; or the posterior).
    /// </summary>
    private static void Expand(ReadOnlySpan<float> row, IReadOnlyList<double> membership, Span<float> input)
    {
        input.Clear();
        row.CopyTo(input);
        var level = ShopWorld.LevelOf(row[FeatureDefinition.DiscountColumn]);
        for (var kind = 0; kind < membership.Count; kind++)
        {
            var block = FeatureDefinition.Count + (kind * (1 + Levels));
            input[block] = (float)membership[kind];
            if (level >= 1)
            {
                input[block + level] = (float)membership[kind];
            }
        }
    }
}
