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
    public static async Task RunAsync(EmbeddedCluster cluster, ShopWorld world, string logFolder, DateTimeOffset lastRoundStart, DateTimeOffset now, PricingOptions pricing)
    {
        var customers = new Dictionary<string, ShopCustomer>(StringComparer.Ordinal);
        foreach (var customer in world.Customers)
        {
            if (await cluster.Grains.GetGrain<ICustomerGrain>(customer.Id).GetPseudonymAsync() is { } pseudonym)
            {
                customers[pseudonym] = customer;
            }
        }

        var log = DecisionLogFolder.Read(logFolder, now, pricing.QuoteTimeToLive).Where(r => r.Purchased is not null).ToList();
        var training = LearningRun.InTimeOrder(log.Where(r => r.Timestamp < lastRoundStart));
        var judged = HeldOutDecisions.Prepare(LearningRun.InTimeOrder(log.Where(r => r.Timestamp >= lastRoundStart)), pricing.DiscountGrid, pricing.MaxCustomerDiscount);
        double TrueProfit(int i, double discount) =>
            ShopWorld.ExpectedProfit(customers[judged.Records[i].CustomerId], world.Facts[judged.Records[i].Product.Sku], discount);

        double possible = 0;
        for (var i = 0; i < judged.Count; i++)
        {
            possible += judged.Allowed[i].Max(g => TrueProfit(i, judged.Grid[g])) - TrueProfit(i, 0);
        }

        Console.WriteLine($"Judged by the truth: candidates trained on the {training.Count:N0} decisions before the last round, greedy on its {judged.Count:N0} decisions:");
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

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}, training weights clipped at {options.MaxTrainingWeight}: captured {gained / possible:P1}, mean discount {discount / judged.Count:P1}"));
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
