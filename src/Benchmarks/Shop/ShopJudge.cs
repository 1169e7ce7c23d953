using System.Globalization;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// What the off-line evaluation cannot see: each candidate kind, trained on the decisions logged before the last round,
/// judged on the last round's decisions by the true response — the share of the oracle's profit lift its greedy policy
/// would have captured there. An analysis of the model families, not of the promotion rule.
/// </summary>
internal static class ShopJudge
{
    public static async Task RunAsync(
        EmbeddedCluster cluster, ShopWorld world, IReadOnlyDictionary<string, IReadOnlyList<double>> posteriors, string logFolder,
        DateTimeOffset lastRoundStart, DateTimeOffset now, PricingOptions pricing)
    {
        var customers = new Dictionary<string, ShopCustomer>(StringComparer.Ordinal);
        foreach (var customer in world.Customers)
        {
            if (await cluster.Grains.GetGrain<ICustomerGrain>(customer.Id).GetPseudonymAsync() is { } pseudonym)
            {
                customers[pseudonym] = customer;
            }
        }

        var log = DecisionLogFolder.Read(logFolder, now, pricing.QuoteTimeToLive, withRecentEvents: true).Where(r => r.Purchased is not null).ToList();
        var training = LearningRun.InTimeOrder(log.Where(r => r.Timestamp < lastRoundStart));
        var judged = HeldOutDecisions.Prepare(LearningRun.InTimeOrder(log.Where(r => r.Timestamp >= lastRoundStart)), pricing.DiscountGrid, pricing.MaxCustomerDiscount, pricing.MinDiscountGain, pricing.DepthTolerance);
        double TrueProfit(int i, double discount) =>
            world.ExpectedProfit(customers[judged.Records[i].CustomerId], world.Facts[judged.Records[i].Product.Sku], discount);
        var truth = new TruthScore(judged, TrueProfit, i => customers[judged.Records[i].CustomerId].Kind.Name);

        Console.WriteLine($"Judged by the truth: candidates trained on the {training.Count:N0} decisions before the last round, greedy on its {judged.Count:N0} decisions:");
        foreach (var (kind, options) in Variants())
        {
            var model = LearningRun.Train(training, options, kind);
            var scored = OffPolicyEvaluation.Score(judged, model.Predict);
            var discount = scored.Choices.Average(g => judged.Grid[g]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}, training weights clipped at {options.MaxTrainingWeight}: captured {truth.Captured(scored):P1}, mean discount {discount:P1}; by kind {truth.ByGroup(scored)}"));
        }

        var onAll = JudgeByShare(training, judged, truth, Console.Out);

        // Whom the models misread, and whether the log misled them: on the last round's lines, each kind's mean purchase
        // probability at each level by the ensemble trained on all the decisions and by the truth; beside them, on that
        // kind's training decisions at the level, the rate at which they bought, the truth's mean probability on the very
        // same decisions (the answers' noise apart from who was quoted the level) and the ensemble's fit to them
        // (docs/learning.md, "Noise the parts do not show" and "The unmoved kinds' step is the answers' noise").
        Console.WriteLine("By kind and level: the ensemble trained on all of them / the truth, on the last round's lines; on the training decisions at the level, their purchase rate (the truth's, the ensemble's fit) (decisions):");
        var predicted = onAll.Predict(judged.Rows.Values, judged.Rows.Rows);
        // Each training decision scored once, at the level it was quoted.
        var answeredDecisions = training.Where(r => customers.ContainsKey(r.CustomerId)).ToList();
        var answeredRows = new FeatureMatrix(answeredDecisions.Count);
        for (var i = 0; i < answeredDecisions.Count; i++)
        {
            answeredDecisions[i].WriteFeatures(answeredRows.Row(i));
        }

        var fitted = onAll.Predict(answeredRows.Values, answeredRows.Rows);
        // Levels by the world's grid, which is the service's here (ShopSimulation configures it).
        var answered = Enumerable.Range(0, answeredDecisions.Count).ToLookup(
            i => (Kind: customers[answeredDecisions[i].CustomerId].Kind.Name, Level: ShopWorld.LevelOf(answeredDecisions[i].Discount)),
            i => (Bought: answeredDecisions[i].Purchased == true, Fit: (double)fitted[i],
                Truth: world.Probability(customers[answeredDecisions[i].CustomerId], world.Facts[answeredDecisions[i].Product.Sku], answeredDecisions[i].Discount)));
        foreach (var kind in Enumerable.Range(0, judged.Count).GroupBy(i => customers[judged.Records[i].CustomerId].Kind.Name))
        {
            var levels = Enumerable.Range(0, judged.Grid.Count).Select(g =>
            {
                var truth = kind.Average(i => world.Probability(customers[judged.Records[i].CustomerId], world.Facts[judged.Records[i].Product.Sku], judged.Grid[g]));
                var answers = answered[(kind.Key, g)].ToList();
                var rates = answers.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture,
                    $"{answers.Average(a => a.Bought ? 1.0 : 0.0):F3} ({answers.Average(a => a.Truth):F3}, {answers.Average(a => a.Fit):F3})");
                return string.Create(CultureInfo.InvariantCulture,
                    $"{judged.Grid[g]:P0} {kind.Average(i => predicted[(i * judged.Grid.Count) + g]):F3} / {truth:F3}; {rates} ({answers.Count:N0})");
            });
            Console.WriteLine($"  {kind.Key}: {string.Join(" | ", levels)}");
        }

        ReportSegments(onAll.Segments.Mixture, answeredDecisions, id => customers[id].Kind.Name, Console.Out, (id => posteriors[customers[id].Id], world.Kinds));
        ShopKindCeiling.Report(training, judged, customers, posteriors, world, truth.Captured, truth.ByGroup);

        // The sequence encoder serves only if it beats the feature-row network by off-policy value (docs/learning.md):
        // both trained on the same decisions with three training seeds, judged on the last round's logged decisions
        // (doubly robust and SNIPS; the paired difference with its two-sided interval, whose lower end is the promotion
        // rule's one-sided bound at Learning:PromotionConfidence) and by the truth.
        var learning = new LearningOptions();
        Console.WriteLine($"Sequence encoder against the feature-row network, trained on the same {training.Count:N0} decisions, judged on the last round's:");
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var terms = new List<double[]>();
            foreach (var shape in new[] { NetworkShape.Default, NetworkShape.Default with { SequenceFilters = 16, SequenceKernel = 3 } })
            {
                var network = LearningRun.TrainNetwork(training, learning, shape, seed);
                var scored = OffPolicyEvaluation.Score(judged, judged.Predictor(network.Predict, network.RowWidth));
                terms.Add(OffPolicyEvaluation.DoublyRobustTerms(judged, scored, learning.MaxImportanceWeight));
                var estimate = OffPolicyEvaluation.Estimate(judged, scored, terms[^1], learning.MaxImportanceWeight);
                var name = shape.SequenceFilters > 0 ? "sequence encoder" : "feature row";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  seed {seed}, {name} ({shape}, {network.ParameterCount:N0} parameters): doubly robust {estimate.DoublyRobust:F3}, SNIPS {estimate.SelfNormalizedIps:F3}, ESS {estimate.EffectiveSampleSize:F0}, log-loss {estimate.LogLoss:F4}, AUC {estimate.Auc:F3}; by the truth captured {truth.Captured(scored):P1}"));
            }

            var (mean, lower, upper) = OffPolicyEvaluation.DifferenceInterval(terms[1], terms[0], learning.PromotionConfidence, learning.BootstrapResamples, seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  seed {seed}: sequence encoder − feature row, doubly robust per decision {mean:+0.000;-0.000;0.000} ({(2 * learning.PromotionConfidence) - 1:P0} interval {lower:+0.000;-0.000;0.000} to {upper:+0.000;-0.000;0.000}; beating it needs the lower end above 0, the promotion rule): {(lower > 0 ? "beats it" : "does not beat it")}"));
        }
    }

    /// <summary>
    /// What a run earlier in the loop could have trained: the ensemble and its parts on the oldest third and two thirds of
    /// <paramref name="training"/> (about what the first and second runs learn from), and on all of it, judged by the truth
    /// on the same <paramref name="judged"/> decisions. Returns the ensemble trained on all of it.
    /// </summary>
    internal static EnsembleModel JudgeByShare(IReadOnlyList<DecisionRecord> training, HeldOutDecisions judged, TruthScore truth, TextWriter output)
    {
        EnsembleModel? onAll = null;
        foreach (var share in new[] { 1.0 / 3, 2.0 / 3, 1.0 })
        {
            var older = training.Take((int)(training.Count * share)).ToList();
            // The ensemble and its parts: the segment model, the interaction model and the network of seed 1 that each kind alone trains.
            var ensemble = (EnsembleModel)LearningRun.Train(older, new LearningOptions(), ModelKinds.Ensemble);
            onAll = ensemble;
            foreach (var model in new ICandidateModel[] { ensemble.Segments, ensemble, ensemble.Interactions, ensemble.ResponseNetworks.First() })
            {
                var scored = OffPolicyEvaluation.Score(judged, model.Predict);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {model.Kind}, trained on the oldest {older.Count:N0}: captured {truth.Captured(scored):P1}, mean discount {scored.Choices.Average(g => judged.Grid[g]):P1}; by kind {truth.ByGroup(scored)}"));
            }
        }

        return onAll!;
    }

    /// <summary>
    /// Whom each segment of the segment model holds — each group's (kind's) customers' posterior mass in it, from their
    /// latest training row as the model's fit reads it (<see cref="SegmentResponseModel.LatestRows"/>) — and, where the
    /// simulator knows it (<paramref name="posteriors"/>), how the history's posterior spreads each kind over the kinds:
    /// whether the segments pool kinds that the histories tell apart.
    /// </summary>
    internal static void ReportSegments(
        BehaviourMixture mixture, IReadOnlyList<DecisionRecord> training, Func<string, string> groupOf, TextWriter output,
        (Func<string, IReadOnlyList<double>> Of, IReadOnlyList<ShopCustomerKind> Kinds)? posteriors = null)
    {
        var gate = mixture.Gate();
        var inSegments = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var inKinds = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (customerId, row) in SegmentResponseModel.LatestRows(training))
        {
            var membership = new double[gate.Length];
            BehaviourMixture.Membership(gate, row, membership);
            Accumulate(inSegments, groupOf(customerId), membership);
            if (posteriors is { } told)
            {
                Accumulate(inKinds, groupOf(customerId), told.Of(customerId));
            }
        }

        string Held(Dictionary<string, double[]> mass, int k) =>
            string.Join(", ", mass.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value[k]:F0}")));
        output.WriteLine("Segments of the ensemble trained on all of them (the mixture's means of decayed views, cart adds and purchases, discounted share, usual depth): customers of each kind in it, by posterior mass:");
        for (var k = 0; k < gate.Length; k++)
        {
            var segment = mixture.Segments[k];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  segment {k + 1} ({segment.Views:F1}, {segment.CartAdds:F1}, {segment.Purchases:F1}, {segment.DiscountedShare:P0}, {segment.Depth:P1}): {Held(inSegments, k)}"));
        }

        if (posteriors is { Kinds: var kinds })
        {
            output.WriteLine("The same customers by what their history tells of the kind (ShopWorld.KindPosterior):");
            for (var k = 0; k < kinds.Count; k++)
            {
                output.WriteLine($"  {kinds[k].Name}: {Held(inKinds, k)}");
            }
        }

        static void Accumulate(Dictionary<string, double[]> mass, string kind, IReadOnlyList<double> membership)
        {
            if (!mass.TryGetValue(kind, out var sums))
            {
                mass[kind] = sums = new double[membership.Count];
            }

            for (var k = 0; k < membership.Count; k++)
            {
                sums[k] += membership[k];
            }
        }
    }

    private static IEnumerable<(string Kind, LearningOptions Options)> Variants()
    {
        foreach (var weight in new[] { 1.0, 5.0 })
        {
            foreach (var kind in new[] { ModelKinds.Logistic, ModelKinds.LogisticInteractions, ModelKinds.ResponseNetwork, ModelKinds.Ensemble, ModelKinds.Segments })
            {
                yield return (kind, new LearningOptions { MaxTrainingWeight = weight });
            }
        }
    }
}
