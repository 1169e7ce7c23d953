using System.Globalization;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
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
    public static async Task RunAsync(EmbeddedCluster cluster, ShopWorld world, string logFolder, DateTimeOffset lastRoundStart, DateTimeOffset now, PricingOptions pricing)
    {
        var customers = new Dictionary<string, ShopCustomer>(StringComparer.Ordinal);
        foreach (var customer in world.Customers)
        {
            if (await cluster.Grains.GetGrain<ICustomerGrain>(customer.Id).GetPseudonymAsync() is { } pseudonym)
            {
                customers[pseudonym] = customer;
                customers[customer.Id] = customer;
            }
        }

        var log = DecisionLogFolder.Read(logFolder, now, pricing.QuoteTimeToLive).Where(r => r.Purchased is not null).ToList();
        var training = LearningRun.InTimeOrder(log.Where(r => r.Timestamp < lastRoundStart));
        var judged = HeldOutDecisions.Prepare(LearningRun.InTimeOrder(log.Where(r => r.Timestamp >= lastRoundStart)), pricing.DiscountGrid, pricing.MaxCustomerDiscount);
        double TrueProfit(int i, double discount)
        {
            var record = judged.Records[i];
            var product = world.Facts[record.Product.Sku];
            return ShopWorld.Probability(customers[record.CustomerId], product, discount) * (double)(DiscountOptimizer.PriceAt(product.ListPrice, discount) - product.UnitCost);
        }

        double possible = 0;
        for (var i = 0; i < judged.Count; i++)
        {
            possible += judged.Allowed[i].Max(g => TrueProfit(i, judged.Grid[g])) - TrueProfit(i, 0);
        }

        Console.WriteLine($"Judged by the truth: candidates trained on the {training.Count:N0} decisions before the last round, greedy on its {judged.Count:N0} decisions:");
        var raw = new float[training.Count * FeatureDefinition.Count];
        for (var i = 0; i < training.Count; i++)
        {
            training[i].WriteFeatures(raw.AsSpan(i * FeatureDefinition.Count, FeatureDefinition.Count));
        }

        var labels = training.Select(r => r.Purchased == true).ToList();
        var ones = training.Select(_ => 1.0).ToList();
        var networks = new (string Name, Func<ICandidateModel> Train)[]
        {
            ("net 128x64 default", () => ResponseNetwork.Train(raw, labels, ones, 1)),
            ("net 128x64 wd0 pat10 ep80", () => ResponseNetwork.Train(raw, labels, ones, 1, epochs: 80, weightDecay: 0, patience: 10)),
            ("net 32 lr.01", () => ResponseNetwork.Train(raw, labels, ones, 1, new NetworkShape([32], 4), learningRate: 0.01)),
            ("net 64x32 lr.001 pat10", () => ResponseNetwork.Train(raw, labels, ones, 1, new NetworkShape([64, 32], 4), learningRate: 0.001, patience: 10)),
            ("net 128x64 batch512 lr.01", () => ResponseNetwork.Train(raw, labels, ones, 1, batch: 512, learningRate: 0.01)),
        };
        foreach (var (name, train) in networks)
        {
            var model = train();
            var scored = OffPolicyEvaluation.Score(judged, model.Predict);
            double gained = 0;
            for (var i = 0; i < judged.Count; i++)
            {
                gained += TrueProfit(i, judged.Grid[scored.Choices[i]]) - TrueProfit(i, 0);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: captured {gained / possible:P1}"));
        }

        foreach (var (kind, options) in Variants())
        {
            var model = LearningRun.Train(training, options, kind);
            var scored = OffPolicyEvaluation.Score(judged, model.Predict);
            double gained = 0, discount = 0;
            for (var i = 0; i < judged.Count; i++)
            {
                gained += TrueProfit(i, judged.Grid[scored.Choices[i]]) - TrueProfit(i, 0);
                discount += judged.Grid[scored.Choices[i]];
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind} (weight ≤ {options.MaxTrainingWeight}, L2 {options.L2}): captured {gained / possible:P1}, mean discount {discount / judged.Count:P1}"));
        }
    }

    private static IEnumerable<(string Kind, LearningOptions Options)> Variants()
    {
        foreach (var weight in new[] { 1.0, 5.0 })
        {
            foreach (var kind in new[] { ModelKinds.Logistic, ModelKinds.LogisticInteractions, ModelKinds.ResponseNetwork })
            {
                yield return (kind, new LearningOptions { MaxTrainingWeight = weight });
            }
        }
    }
}
