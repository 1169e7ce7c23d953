using System.Globalization;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
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

        double possible = 0;
        for (var i = 0; i < judged.Count; i++)
        {
            possible += judged.Allowed[i].Max(g => TrueProfit(i, judged.Grid[g])) - TrueProfit(i, 0);
        }

        // The share of the oracle's lift over list price that a policy's choices capture, by the true response.
        double Captured(OffPolicyEvaluation.Scored scored) =>
            Enumerable.Range(0, judged.Count).Sum(i => TrueProfit(i, judged.Grid[scored.Choices[i]]) - TrueProfit(i, 0)) / possible;

        // Each kind's mean discount under a policy's choices beside the oracle's: who a model discounts too much or too little.
        string ByKind(OffPolicyEvaluation.Scored scored) => string.Join(", ", Enumerable.Range(0, judged.Count)
            .GroupBy(i => customers[judged.Records[i].CustomerId].Kind.Name)
            .Select(kind => string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key} {kind.Average(i => judged.Grid[scored.Choices[i]]):P1} (oracle {kind.Average(i => judged.Allowed[i].Select(g => judged.Grid[g]).MaxBy(d => TrueProfit(i, d))):P1})")));

        Console.WriteLine($"Judged by the truth: candidates trained on the {training.Count:N0} decisions before the last round, greedy on its {judged.Count:N0} decisions:");
        foreach (var (kind, options) in Variants())
        {
            var model = LearningRun.Train(training, options, kind);
            var scored = OffPolicyEvaluation.Score(judged, model.Predict);
            var discount = scored.Choices.Average(g => judged.Grid[g]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}, training weights clipped at {options.MaxTrainingWeight}: captured {Captured(scored):P1}, mean discount {discount:P1}; by kind {ByKind(scored)}"));
        }

        // What a run earlier in the loop could have trained: the model kinds on the oldest third and two thirds of the same
        // decisions (about what the first and second runs learn from), and on all of them, judged on the same last round.
        EnsembleModel? onAll = null;
        foreach (var share in new[] { 1.0 / 3, 2.0 / 3, 1.0 })
        {
            var older = training.Take((int)(training.Count * share)).ToList();
            // The ensemble and its parts: the segment model, the interaction model and the network of seed 1 that each kind alone trains.
            var ensemble = (EnsembleModel)LearningRun.Train(older, new LearningOptions(), ModelKinds.Ensemble);
            if (share == 1.0)
            {
                onAll = ensemble;
            }

            foreach (var model in new ICandidateModel[] { ensemble.Segments, ensemble, ensemble.Interactions, ensemble.ResponseNetworks.First() })
            {
                var scored = OffPolicyEvaluation.Score(judged, model.Predict);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {model.Kind}, trained on the oldest {older.Count:N0}: captured {Captured(scored):P1}, mean discount {scored.Choices.Average(g => judged.Grid[g]):P1}; by kind {ByKind(scored)}"));
            }
        }

        // Whom the models misread, and whether the log misled them: on the last round's lines, each kind's mean purchase
        // probability at each level by the ensemble trained on all the decisions and by the truth, beside the rate at which
        // that kind's training decisions at the level bought (docs/learning.md, "Noise the parts do not show").
        Console.WriteLine("By kind and level: the ensemble trained on all of them / the truth, on the last round's lines; the training decisions' purchase rate (decisions):");
        var predicted = onAll!.Predict(judged.Rows.Values, judged.Rows.Rows);
        // Levels by the world's grid, which is the service's here (ShopSimulation configures it).
        var answered = training.Where(r => customers.ContainsKey(r.CustomerId))
            .ToLookup(r => (Kind: customers[r.CustomerId].Kind.Name, Level: ShopWorld.LevelOf(r.Discount)));
        foreach (var kind in Enumerable.Range(0, judged.Count).GroupBy(i => customers[judged.Records[i].CustomerId].Kind.Name))
        {
            var levels = Enumerable.Range(0, judged.Grid.Count).Select(g =>
            {
                var truth = kind.Average(i => world.Probability(customers[judged.Records[i].CustomerId], world.Facts[judged.Records[i].Product.Sku], judged.Grid[g]));
                var answers = answered[(kind.Key, g)].ToList();
                var rate = answers.Count == 0 ? "-" : (answers.Count(r => r.Purchased == true) / (double)answers.Count).ToString("F3", CultureInfo.InvariantCulture);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{judged.Grid[g]:P0} {kind.Average(i => predicted[(i * judged.Grid.Count) + g]):F3} / {truth:F3}; {rate} ({answers.Count:N0})");
            });
            Console.WriteLine($"  {kind.Key}: {string.Join(" | ", levels)}");
        }

        ShopKindCeiling.Report(training, judged, customers, posteriors, world.Kinds, Captured);

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
                    $"  seed {seed}, {name} ({shape}, {network.ParameterCount:N0} parameters): doubly robust {estimate.DoublyRobust:F3}, SNIPS {estimate.SelfNormalizedIps:F3}, ESS {estimate.EffectiveSampleSize:F0}, log-loss {estimate.LogLoss:F4}, AUC {estimate.Auc:F3}; by the truth captured {Captured(scored):P1}"));
            }

            var (mean, lower, upper) = OffPolicyEvaluation.DifferenceInterval(terms[1], terms[0], learning.PromotionConfidence, learning.BootstrapResamples, seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  seed {seed}: sequence encoder − feature row, doubly robust per decision {mean:+0.000;-0.000;0.000} ({(2 * learning.PromotionConfidence) - 1:P0} interval {lower:+0.000;-0.000;0.000} to {upper:+0.000;-0.000;0.000}; beating it needs the lower end above 0, the promotion rule): {(lower > 0 ? "beats it" : "does not beat it")}"));
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
