using System.Globalization;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

using OrleansPricing.Benchmarks.Campaign;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// A seeded synthetic campaign driven through the cluster on a simulated clock. Customers arrive hour by hour, ask for
/// quotes and buy with a known response: the probability the served logistic model gives at the quoted discount (so the
/// policy is judged on its optimization and its constraints, not on model error). Prints budget, pacing, units,
/// revenue, constraint violations, the expected profit of the campaign policy against no discount and against the best
/// uniform discount at equal spend, and quote throughput with campaigns on and off in the same run; writes a PNG of
/// spend against the pacing plan.
/// </summary>
public static class CampaignSimulation
{
    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(settings.Days);
        var clock = new SimulationClock(start.AddDays(-1));
        var output = Path.Combine(RepositoryRoot(), "artifacts", "campaign");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        await using var cluster = await EmbeddedCluster.StartAsync(PricingOptions.Logistic, builder =>
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(PricingClock.Key, clock);
            builder.Configuration["DecisionLog:Directory"] = Path.Combine(output, "decision-log");

            // Every open quote holds its full discount in reserve (~3% convert), so reserved budget is about quote rate x
            // lifetime x discount; a 5-minute lifetime keeps that near a tenth of the remaining budget on the last day.
            builder.Configuration["Pricing:CampaignScenario.QuoteTimeToLive"] = CampaignScenario.QuoteTimeToLive.ToString();
        });
        var grains = cluster.Grains;
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var random = new Random(settings.Seed);

        var catalog = CampaignScenario.Catalog(random);
        await Task.WhenAll(catalog.Select(product => grains.GetGrain<IProductGrain>(product.Sku).UpsertAsync(product)));

        var customers = Enumerable.Range(0, settings.Customers).Select(c => $"sim-customer-{c:D5}").ToArray();
        var histories = CampaignScenario.Histories(customers, catalog, start, random);
        await Parallel.ForEachAsync(Enumerable.Range(0, customers.Length), async (c, _) =>
        {
            if (histories[c].Count > 0)
            {
                await grains.GetGrain<ICustomerGrain>(customers[c]).RecordEventsAsync(histories[c]);
            }
        });

        var arrivals = CampaignScenario.PlanArrivals(settings, catalog, customers.Length, new Random(settings.Seed + 1));
        Console.WriteLine($"Seeded {catalog.Count} products, {customers.Length} customers; {arrivals.Count} arrivals over {settings.Days} days.");

        // Size budget and revenue target from the plan (seeded, so fixed per seed): the budget is a third of what
        // unconstrained profit maximization would give away on the customers as seeded, so it binds all week (their
        // features drift as offers accumulate, and the unconstrained spend falls); the target is the treatment arm's
        // expected list-price revenue less 5% (reachable within the budget, so the two duals need not fight all week).
        var definitionDraft = CampaignScenario.Definition(start, end, budget: 0, revenueTarget: null, catalog);
        var (unconstrainedSpend, listRevenue) = await CampaignScenario.PlanFiguresAsync(grains, truth, catalog, customers, arrivals, definitionDraft, start);
        var budget = Math.Round((decimal)unconstrainedSpend / 3m, 2);
        var revenueTarget = Math.Round((decimal)listRevenue * 0.95m, 2);
        var definition = CampaignScenario.Definition(start, end, budget, revenueTarget, catalog);
        var saved = await grains.GetGrain<ICampaignGrain>(CampaignScenario.CampaignId).SaveAsync(definition);
        if (!saved.Ok)
        {
            Console.Error.WriteLine($"error: campaign refused: {saved.Error}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Campaign: budget {budget:N2} (a third of the unconstrained spend {unconstrainedSpend:N2}), revenue target {revenueTarget:N2}, holdout {definition.HoldoutFraction:P0}, exploration {definition.ExplorationRate:P0}."));

        var (records, samples, violations, peakLeased) = await ServeWeekAsync(grains, truth, clock, customers, arrivals, start, settings.Days, budget);
        clock.Set(end.AddHours(1));
        var final = (await grains.GetGrain<ICampaignGrain>(CampaignScenario.CampaignId).GetAsync())!;
        violations.AddRange(CampaignArrivals.CheckViolations(records, final, budget));
        foreach (var product in catalog)
        {
            var view = (await grains.GetGrain<IProductGrain>(product.Sku).GetAsync())!;
            if (view.UnitsSold > product.Inventory || view.Available < 0)
            {
                violations.Add($"{product.Sku}: sold {view.UnitsSold} of {product.Inventory}");
            }
        }

        CampaignReport.Print(settings, records, samples, final, budget, revenueTarget, violations, output);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Peak budget leased to the silo (held for open quotes and headroom), sampled hourly: {peakLeased:N2} ({peakLeased / budget:P1} of budget); quote lifetime {CampaignScenario.QuoteTimeToLive.TotalMinutes} min."));
        await CampaignReport.PrintUnitsAsync(grains, catalog, records);

        // Keep the simulation's own decision log apart from the throughput phase's quotes, which nobody orders.
        await cluster.Services.GetRequiredService<DecisionLogWriter>().FlushAsync();
        var simulationLog = Path.Combine(output, "simulation-decision-log");
        Directory.CreateDirectory(simulationLog);
        foreach (var file in Directory.GetFiles(Path.Combine(output, "decision-log")))
        {
            File.Copy(file, Path.Combine(simulationLog, Path.GetFileName(file)));
        }

        Console.WriteLine($"Decision log of the simulation: {simulationLog} (train: dotnet run -c Release --project src/Training -- decision-log --input {simulationLog} --quote-ttl-minutes {CampaignScenario.QuoteTimeToLive.TotalMinutes} --out DIR)");

        var (campaignsOff, campaignsOn) = await CampaignThroughput.MeasureAsync(grains, clock, end.AddDays(1), settings);
        Console.WriteLine();
        QuoteBenchmark.PrintTable(campaignsOff.Select((s, i) => ($"campaigns off, round {i + 1}", s))
            .Concat(campaignsOn.Select((s, i) => ($"campaigns on, round {i + 1}", s))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Quote throughput with campaigns on = {campaignsOn.Average(s => s.PerSecond) / campaignsOff.Average(s => s.PerSecond):P1} of campaigns off (target: within 20%)."));
        return violations.Count == 0 ? 0 : 1;
    }

    /// <summary>Serves every arrival at its simulated instant, reading the campaign at the end of each hour.</summary>
    private static async Task<(ArrivalRecord[] Records, List<SpendSample> Samples, List<string> Violations, decimal PeakLeased)> ServeWeekAsync(
        IGrainFactory grains, IResponseModel truth, SimulationClock clock, string[] customers, List<Arrival> arrivals, DateTimeOffset start,
        int days, decimal budget)
    {
        var records = new ArrivalRecord[arrivals.Count];
        var samples = new List<SpendSample>();
        var hours = days * 24;
        var violations = new List<string>();
        var peakLeased = 0m;
        var byStep = Enumerable.Range(0, arrivals.Count).ToLookup(i => arrivals[i].Hour * CampaignScenario.StepsPerHour + arrivals[i].Step);
        for (var hour = 0; hour < hours; hour++)
        {
            for (var step = 0; step < CampaignScenario.StepsPerHour; step++)
            {
                var at = start.AddHours(hour).AddMinutes(step * 60 / CampaignScenario.StepsPerHour);
                clock.Set(at);
                await Parallel.ForEachAsync(byStep[hour * CampaignScenario.StepsPerHour + step], new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                    records[i] = await CampaignArrivals.ServeAsync(grains, truth, customers, arrivals[i], i, at));
            }

            var now = start.AddHours(hour + 1);
            clock.Set(now);
            var view = (await grains.GetGrain<ICampaignGrain>(CampaignScenario.CampaignId).GetAsync())!;
            samples.Add(new SpendSample(hour + 1, view.Spent, view.PlannedSpend, view.Leased, view.Duals.Lambda, view.Revenue));
            peakLeased = Math.Max(peakLeased, view.Leased);
            if (view.Spent + view.Leased > budget)
            {
                violations.Add($"hour {hour}: spent {view.Spent} + leased {view.Leased} exceeds the budget {budget}");
            }

            if ((hour + 1) % 24 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  day {(hour + 1) / 24}/{days}: spent {view.Spent:N2} of {budget:N2} (plan {samples[^1].Planned:N2}), revenue {view.Revenue:N2}, lambda {view.Duals.Lambda:F3}, nu {view.Duals.Nu:F3}"));
            }
        }


        return (records, samples, violations, peakLeased);
    }

    /// <summary>The folder holding OrleansPricing.sln above the working directory (dotnet run starts in the project folder).</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OrleansPricing.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

}
