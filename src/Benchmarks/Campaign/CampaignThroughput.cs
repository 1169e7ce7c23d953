using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>Quote throughput with and without a campaign covering the SKUs, alternating phases in one run.</summary>
internal static class CampaignThroughput
{
    /// <summary>Direct grain-call quote throughput on SKUs a campaign covers vs SKUs none covers, alternating phases in one run.</summary>
    public static async Task<(List<LatencySummary> Off, List<LatencySummary> On)> MeasureAsync(
        IGrainFactory grains, SimulationClock clock, DateTimeOffset at, BenchmarkSettings settings)
    {
        clock.Set(at);
        var random = new Random(settings.Seed + 2);
        string[] Define(string category) => Enumerable.Range(0, 50).Select(i => $"{category.ToUpperInvariant()}-{i:D2}").ToArray();
        var on = Define("tp-on");
        var off = Define("tp-off");
        await Task.WhenAll(on.Select(sku => ("tp-on", sku)).Concat(off.Select(sku => ("tp-off", sku))).Select(item =>
        {
            var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 100m, 2);
            return grains.GetGrain<IProductGrain>(item.sku).UpsertAsync(
                new ProductDefinition(item.sku, item.Item1, listPrice, Math.Round(listPrice * 0.45m, 2), Math.Round(listPrice * 0.65m, 2), 0.3, 1_000_000));
        }));
        var campaign = new CampaignDefinition("throughput-campaign", at.AddHours(-1), at.AddDays(1), 1_000_000_000m, null, CampaignScenario.Grid, 1000, CampaignScenario.MaxDiscount,
            [], ["tp-on"], 0.1, 0.05, new Dictionary<string, int>());
        await grains.GetGrain<ICampaignGrain>(campaign.CampaignId).SaveAsync(campaign);
        // Business time runs at 60x real time from here: quotes expire and reservations are released within the run, so
        // both arms reach the same steady state of open quotes instead of piling up on a stopped clock.
        clock.Run(at.AddSeconds(5), speed: 60);

        Func<Random, Task> Quote(string[] skus) => r => grains.GetGrain<ICustomerGrain>($"tp-customer-{r.Next(settings.Customers)}")
            .QuoteAsync(new QuoteRequest(Enumerable.Range(0, 3).Select(_ => skus[r.Next(skus.Length)]).Distinct().ToList(), QuoteContext.Web));
        await Workload.RunAsync("warm-up (campaigns off)", settings.Concurrency, TimeSpan.FromSeconds(2), Quote(off));
        await Workload.RunAsync("warm-up (campaigns on)", settings.Concurrency, TimeSpan.FromSeconds(2), Quote(on));
        // Rounds in the order off, on, on, off (twice): any drift over the run weighs on both arms alike.
        var quarter = settings.Duration / 4;
        var offRuns = new List<LatencySummary>();
        var onRuns = new List<LatencySummary>();
        foreach (var campaignsOn in new[] { false, true, true, false, false, true, true, false })
        {
            var runs = campaignsOn ? onRuns : offRuns;
            runs.Add(await Workload.RunAsync($"campaigns {(campaignsOn ? "on" : "off")}, round {runs.Count + 1}", settings.Concurrency, quarter,
                Quote(campaignsOn ? on : off)));
        }

        return (offRuns, onRuns);
    }
}
