using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>
/// The simulated shop of the campaign benchmark, all seeded: its catalog, customers with histories, hour-by-hour
/// arrivals, the campaign's shape, and the known response (the served logistic model's probabilities).
/// </summary>
internal static class CampaignScenario
{
    public const string CampaignId = "sim-campaign";
    public const int OffersPerDay = 3;
    public static readonly TimeSpan QuoteTimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>The simulated clock moves in 5-minute steps; arrivals in one step are served concurrently at its instant.</summary>
    public const int StepsPerHour = 12;
    public const double MaxDiscount = 0.30;
    public static readonly double[] Grid = [.. PricingOptions.DefaultDiscountGrid];
    private static readonly string[] Categories = ["sim-home", "sim-garden", "sim-toys", "sim-tools"];
    private static readonly string[] Channels = [QuoteContext.Web, QuoteContext.App, QuoteContext.Email];

    /// <summary>24 SKUs in 4 categories; every sixth is scarce (40 units), the rest are plentiful.</summary>
    public static List<ProductDefinition> Catalog(Random random) => Enumerable.Range(0, 24).Select(i =>
    {
        var listPrice = Math.Round(8m + (decimal)random.NextDouble() * 120m, 2);
        var cost = Math.Round(listPrice * (decimal)(0.35 + 0.35 * random.NextDouble()), 2);
        return new ProductDefinition($"SIM-{i:D2}", Categories[i % Categories.Length], listPrice, cost, Math.Round(listPrice * 0.65m, 2),
            MaxDiscount, i % 6 == 0 ? 40 : 100_000);
    }).ToList();

    /// <summary>0–12 events per customer over the 25 days before the campaign: a mix of new, browsing and buying customers.</summary>
    public static List<CustomerEventInput>[] Histories(string[] customers, IReadOnlyList<ProductDefinition> catalog, DateTimeOffset start, Random random) =>
        customers.Select((id, c) =>
        {
            var count = random.Next(13);
            return Enumerable.Range(0, count).Select(e =>
            {
                var type = (CustomerEventKind)(random.NextDouble() switch { < 0.6 => 0, < 0.85 => 1, _ => 2 });
                var product = catalog[random.Next(catalog.Count)];
                return new CustomerEventInput($"{id}-h{e}", type, product.Sku, 1, type == CustomerEventKind.Purchase ? product.ListPrice : 0m,
                    start.AddDays(-1).AddMinutes(-random.Next(25 * 24 * 60)));
            }).ToList();
        }).ToArray();

    public static CampaignDefinition Definition(DateTimeOffset start, DateTimeOffset end, decimal budget, decimal? revenueTarget, IReadOnlyList<ProductDefinition> catalog) =>
        new(CampaignId, start, end, budget, revenueTarget, Grid, OffersPerDay, MaxDiscount, [], Categories, HoldoutFraction: 0.1,
            ExplorationRate: 0.05, catalog.Where(p => p.Inventory < 1000).ToDictionary(p => p.Sku, p => p.Inventory));

    public static List<Arrival> PlanArrivals(BenchmarkSettings settings, IReadOnlyList<ProductDefinition> catalog, int customers, Random random)
    {
        var arrivals = new List<Arrival>();
        for (var hour = 0; hour < settings.Days * 24; hour++)
        {
            // Daily rhythm: busiest in the evening, quiet at night.
            var rate = settings.ArrivalsPerHour * (1 + 0.6 * Math.Sin(2 * Math.PI * ((hour % 24) - 12) / 24));
            var count = (int)Math.Round(rate * (0.8 + 0.4 * random.NextDouble()));
            for (var a = 0; a < count; a++)
            {
                var skus = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => catalog[random.Next(catalog.Count)].Sku).Distinct().ToList();
                arrivals.Add(new Arrival(hour, random.Next(StepsPerHour), random.Next(customers), skus, Channels[random.Next(Channels.Length)],
                    skus.Select(_ => random.NextDouble()).ToArray()));
            }
        }

        return arrivals;
    }

    /// <summary>Unconstrained profit-maximizing spend and list-price revenue of the treatment arm, in expectation, on the customers as seeded.</summary>
    public static async Task<(double Spend, double ListRevenue)> PlanFiguresAsync(
        IGrainFactory grains, IResponseModel truth, IReadOnlyList<ProductDefinition> catalog, string[] customers, List<Arrival> arrivals,
        CampaignDefinition definition, DateTimeOffset start)
    {
        var facts = (await Task.WhenAll(catalog.Select(p => grains.GetGrain<IProductGrain>(p.Sku).GetPricingFactsAsync())))
            .ToDictionary(f => f!.Sku, f => f!.ToPricing(), StringComparer.Ordinal);
        var views = new CustomerView[customers.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, customers.Length), async (c, _) => views[c] = await grains.GetGrain<ICustomerGrain>(customers[c]).GetAsync());
        double spend = 0, revenue = 0;
        foreach (var arrival in arrivals.Where(a => !HoldoutAssignment.IsHoldout(definition.CampaignId, customers[a.Customer], definition.HoldoutFraction)))
        {
            foreach (var sku in arrival.Skus)
            {
                var product = facts[sku];
                var p = await ScoreAsync(truth, views[arrival.Customer].Features.ToPricing() with { AsOf = start }, product, arrival.Channel, start);
                var choice = DiscountOptimizer.Choose(product, Grid, p, MaxDiscount);
                spend += choice.PurchaseProbability * (double)(product.ListPrice - choice.Price);
                revenue += p[0] * (double)product.ListPrice;
            }
        }

        return (spend, revenue);
    }

    public static async Task<float[]> ScoreAsync(IResponseModel model, CustomerFeatureSnapshot customer, ProductFacts product, string channel, DateTimeOffset at)
    {
        var rows = new FeatureMatrix(Grid.Length);
        for (var level = 0; level < Grid.Length; level++)
        {
            FeatureDefinition.Write(rows.Row(level), customer, product, new QuoteContext(channel, at), Grid[level]);
        }

        return await model.PredictAsync(rows);
    }

}
