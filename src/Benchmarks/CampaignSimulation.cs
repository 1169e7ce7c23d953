using System.Globalization;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

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
    private const string CampaignId = "sim-campaign";
    private const int OffersPerDay = 3;
    private static readonly TimeSpan QuoteTimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>The simulated clock moves in 5-minute steps; arrivals in one step are served concurrently at its instant.</summary>
    private const int StepsPerHour = 12;
    private const double MaxDiscount = 0.30;
    private static readonly double[] Grid = [.. PricingOptions.DefaultDiscountGrid];
    private static readonly string[] Categories = ["sim-home", "sim-garden", "sim-toys", "sim-tools"];
    private static readonly string[] Channels = [QuoteContext.Web, QuoteContext.App, QuoteContext.Email];

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
            builder.Configuration["Campaigns:DecisionLogDirectory"] = Path.Combine(output, "decision-log");

            // Every open quote holds its full discount in reserve (~3% convert), so reserved budget is about quote rate x
            // lifetime x discount; a 5-minute lifetime keeps that near a tenth of the remaining budget on the last day.
            builder.Configuration["Pricing:QuoteTimeToLive"] = QuoteTimeToLive.ToString();
        });
        var grains = cluster.Grains;
        var truth = LogisticResponseModel.Load(PricingServiceCollectionExtensions.ResolveModelPath(new PricingOptions().ModelPath));
        var random = new Random(settings.Seed);

        // Catalog: 24 SKUs in 4 categories; every sixth is scarce (40 units), the rest are plentiful.
        var catalog = Enumerable.Range(0, 24).Select(i =>
        {
            var listPrice = Math.Round(8m + (decimal)random.NextDouble() * 120m, 2);
            var cost = Math.Round(listPrice * (decimal)(0.35 + 0.35 * random.NextDouble()), 2);
            return new ProductDefinition($"SIM-{i:D2}", Categories[i % Categories.Length], listPrice, cost, Math.Round(listPrice * 0.65m, 2),
                MaxDiscount, i % 6 == 0 ? 40 : 100_000);
        }).ToList();
        await Task.WhenAll(catalog.Select(product => grains.GetGrain<IProductGrain>(product.Sku).UpsertAsync(product)));

        // Customers with 0–12 events over the 25 days before the campaign: a mix of new, browsing and buying customers.
        var customers = Enumerable.Range(0, settings.Customers).Select(c => $"sim-customer-{c:D5}").ToArray();
        var histories = customers.Select((id, c) =>
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
        await Parallel.ForEachAsync(Enumerable.Range(0, customers.Length), async (c, _) =>
        {
            if (histories[c].Count > 0)
            {
                await grains.GetGrain<ICustomerGrain>(customers[c]).RecordEventsAsync(histories[c]);
            }
        });

        var arrivals = PlanArrivals(settings, catalog, customers.Length, new Random(settings.Seed + 1));
        Console.WriteLine($"Seeded {catalog.Count} products, {customers.Length} customers; {arrivals.Count} arrivals over {settings.Days} days.");

        // Size budget and revenue target from the plan (seeded, so fixed per seed): the budget is a third of what
        // unconstrained profit maximization would give away on the customers as seeded, so it binds all week (their
        // features drift as offers accumulate, and the unconstrained spend falls); the target is the treatment arm's
        // expected list-price revenue less 5% (reachable within the budget, so the two duals need not fight all week).
        var definitionDraft = Definition(start, end, budget: 0, revenueTarget: null, catalog);
        var (unconstrainedSpend, listRevenue) = await PlanFiguresAsync(grains, truth, catalog, customers, arrivals, definitionDraft, start);
        var budget = Math.Round((decimal)unconstrainedSpend / 3m, 2);
        var revenueTarget = Math.Round((decimal)listRevenue * 0.95m, 2);
        var definition = Definition(start, end, budget, revenueTarget, catalog);
        var saved = await grains.GetGrain<ICampaignGrain>(CampaignId).SaveAsync(definition);
        if (!saved.Ok)
        {
            Console.Error.WriteLine($"error: campaign refused: {saved.Error}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Campaign: budget {budget:N2} (a third of the unconstrained spend {unconstrainedSpend:N2}), revenue target {revenueTarget:N2}, holdout {definition.HoldoutFraction:P0}, exploration {definition.ExplorationRate:P0}."));

        var records = new ArrivalRecord[arrivals.Count];
        var samples = new List<SpendSample>();
        var hours = settings.Days * 24;
        var violations = new List<string>();
        var peakLeased = 0m;
        var byStep = Enumerable.Range(0, arrivals.Count).ToLookup(i => arrivals[i].Hour * StepsPerHour + arrivals[i].Step);
        for (var hour = 0; hour < hours; hour++)
        {
            for (var step = 0; step < StepsPerHour; step++)
            {
                var at = start.AddHours(hour).AddMinutes(step * 60 / StepsPerHour);
                clock.Set(at);
                await Parallel.ForEachAsync(byStep[hour * StepsPerHour + step], new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                    records[i] = await ServeAsync(grains, truth, customers, arrivals[i], i, at));
            }

            var now = start.AddHours(hour + 1);
            clock.Set(now);
            var view = (await grains.GetGrain<ICampaignGrain>(CampaignId).GetAsync())!;
            samples.Add(new SpendSample(hour + 1, view.Spent, view.PlannedSpend, view.Leased, view.Duals.Lambda, view.Revenue));
            peakLeased = Math.Max(peakLeased, view.Leased);
            if (view.Spent + view.Leased > budget)
            {
                violations.Add($"hour {hour}: spent {view.Spent} + leased {view.Leased} exceeds the budget {budget}");
            }

            if ((hour + 1) % 24 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  day {(hour + 1) / 24}/{settings.Days}: spent {view.Spent:N2} of {budget:N2} (plan {samples[^1].Planned:N2}), revenue {view.Revenue:N2}, lambda {view.Duals.Lambda:F3}, nu {view.Duals.Nu:F3}"));
            }
        }

        clock.Set(end.AddHours(1));
        var final = (await grains.GetGrain<ICampaignGrain>(CampaignId).GetAsync())!;
        violations.AddRange(CheckViolations(records, final, budget));
        foreach (var product in catalog)
        {
            var view = (await grains.GetGrain<IProductGrain>(product.Sku).GetAsync())!;
            if (view.UnitsSold > product.Inventory || view.Available < 0)
            {
                violations.Add($"{product.Sku}: sold {view.UnitsSold} of {product.Inventory}");
            }
        }

        Report(settings, records, samples, final, budget, revenueTarget, violations, output);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Peak budget leased to the silo (held for open quotes and headroom), sampled hourly: {peakLeased:N2} ({peakLeased / budget:P1} of budget); quote lifetime {QuoteTimeToLive.TotalMinutes} min."));
        await ReportUnitsAsync(grains, catalog, records);

        // Keep the simulation's own decision log apart from the throughput phase's quotes, which nobody orders.
        await cluster.Services.GetRequiredService<DecisionLogWriter>().FlushAsync();
        var simulationLog = Path.Combine(output, "simulation-decision-log");
        Directory.CreateDirectory(simulationLog);
        foreach (var file in Directory.GetFiles(Path.Combine(output, "decision-log")))
        {
            File.Copy(file, Path.Combine(simulationLog, Path.GetFileName(file)));
        }

        Console.WriteLine($"Decision log of the simulation: {simulationLog} (train: dotnet run -c Release --project src/Training -- decision-log --input {simulationLog} --quote-ttl-minutes {QuoteTimeToLive.TotalMinutes} --out DIR)");

        var (campaignsOff, campaignsOn) = await MeasureThroughputAsync(grains, clock, end.AddDays(1), settings);
        Console.WriteLine();
        QuoteBenchmark.PrintTable(campaignsOff.Select((s, i) => ($"campaigns off, round {i + 1}", s))
            .Concat(campaignsOn.Select((s, i) => ($"campaigns on, round {i + 1}", s))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Quote throughput with campaigns on = {campaignsOn.Average(s => s.PerSecond) / campaignsOff.Average(s => s.PerSecond):P1} of campaigns off (target: within 20%)."));
        return violations.Count == 0 ? 0 : 1;
    }

    /// <summary>The folder holding OrleansPricing.sln above the working directory (dotnet run starts in the project folder).</summary>
    private static string RepositoryRoot()
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

    private static CampaignDefinition Definition(DateTimeOffset start, DateTimeOffset end, decimal budget, decimal? revenueTarget, IReadOnlyList<ProductDefinition> catalog) =>
        new(CampaignId, start, end, budget, revenueTarget, Grid, OffersPerDay, MaxDiscount, [], Categories, HoldoutFraction: 0.1,
            ExplorationRate: 0.05, catalog.Where(p => p.Inventory < 1000).ToDictionary(p => p.Sku, p => p.Inventory));

    private static List<Arrival> PlanArrivals(BenchmarkSettings settings, IReadOnlyList<ProductDefinition> catalog, int customers, Random random)
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
    private static async Task<(double Spend, double ListRevenue)> PlanFiguresAsync(
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

    private static async Task<float[]> ScoreAsync(IResponseModel model, CustomerFeatureSnapshot customer, ProductFacts product, string channel, DateTimeOffset at)
    {
        var rows = new FeatureMatrix(Grid.Length);
        for (var level = 0; level < Grid.Length; level++)
        {
            FeatureDefinition.Write(rows.Row(level), customer, product, new QuoteContext(channel, at), Grid[level]);
        }

        return await model.PredictAsync(rows);
    }

    private static async Task<ArrivalRecord> ServeAsync(
        IGrainFactory grains, IResponseModel truth, string[] customers, Arrival arrival, int index, DateTimeOffset now)
    {
        var customerId = customers[arrival.Customer];
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        var before = await customer.GetAsync();
        var facts = await Task.WhenAll(arrival.Skus.Select(sku => grains.GetGrain<IProductGrain>(sku).GetPricingFactsAsync()));
        var response = await customer.QuoteAsync(new QuoteRequest(arrival.Skus, arrival.Channel));
        var lines = new List<LineRecord>();
        var orderLines = new List<OrderLineRequest>();
        for (var i = 0; i < arrival.Skus.Count; i++)
        {
            var product = facts[i]!.ToPricing();
            var quote = response.Quotes.Single(q => q.Sku == product.Sku);
            var p = await ScoreAsync(truth, before.Features.ToPricing(), product, arrival.Channel, now);
            var level = Array.FindIndex(Grid, d => Math.Abs(d - quote.Discount) < 1e-9);
            var bought = arrival.Draws[i] < p[level];
            if (bought)
            {
                orderLines.Add(new OrderLineRequest(product.Sku, 1, quote.QuoteId));
            }

            lines.Add(new LineRecord(product, quote, p, level, bought, quote.Reasons.Contains(DecisionReasons.CampaignHoldout)));
        }

        var status = (OrderStatus?)null;
        if (orderLines.Count > 0)
        {
            status = (await grains.GetGrain<IOrderGrain>($"sim-order-{index:D6}").PlaceAsync(new OrderRequest(customerId, orderLines))).Status;
        }

        return new ArrivalRecord(customerId, now, lines, status);
    }

    private static IEnumerable<string> CheckViolations(ArrivalRecord[] records, CampaignView final, decimal budget)
    {
        if (final.Spent > budget)
        {
            yield return $"spent {final.Spent} exceeds the budget {budget}";
        }

        foreach (var line in records.SelectMany(r => r.Lines))
        {
            if (line.Quote.Price < line.Product.FloorPrice)
            {
                yield return $"{line.Quote.QuoteId}: price {line.Quote.Price} below the floor {line.Product.FloorPrice}";
            }

            if (line.Quote.Discount > MaxDiscount + 1e-9 || line.Quote.Discount > line.Product.MaxDiscount + 1e-9)
            {
                yield return $"{line.Quote.QuoteId}: discount {line.Quote.Discount} above the maximum";
            }
        }

        foreach (var group in records.SelectMany(r => r.Lines.Where(l => l.Quote.Campaign is not null && l.Quote.Discount > 0).Select(l => (r.CustomerId, Day: r.At.Date)))
                     .GroupBy(key => key).Where(group => group.Count() > OffersPerDay))
        {
            yield return $"{group.Key.CustomerId} got {group.Count()} discounted campaign offers on {group.Key.Day:yyyy-MM-dd} (cap {OffersPerDay})";
        }
    }

    private static void Report(BenchmarkSettings settings, ArrivalRecord[] records, List<SpendSample> samples,
        CampaignView final, decimal budget, decimal revenueTarget, List<string> violations, string output)
    {
        var maxDeviation = samples.Max(s => Math.Abs(s.Spent - s.Planned)) / budget;
        var endDeviation = (final.Spent - budget) / budget;
        var treatment = records.SelectMany(r => r.Lines).Where(l => !l.Holdout).ToList();

        // Expected values under the known response, treatment arm only (the holdout is list price under every policy).
        double Profit(LineRecord l, int level) => l.P[level] * (double)(DiscountOptimizer.PriceAt(l.Product.ListPrice, Grid[level]) - l.Product.UnitCost);
        double Spend(LineRecord l, int level) => l.P[level] * (double)(l.Product.ListPrice - DiscountOptimizer.PriceAt(l.Product.ListPrice, Grid[level]));
        var campaignProfit = treatment.Sum(l => Profit(l, l.Level));
        var campaignSpend = treatment.Sum(l => Spend(l, l.Level));
        var noDiscountProfit = treatment.Sum(l => Profit(l, 0));
        var uniform = Enumerable.Range(1, Grid.Length - 1).Select(level =>
        {
            bool Allowed(LineRecord l) => DiscountOptimizer.PriceAt(l.Product.ListPrice, Grid[level]) >= l.Product.FloorPrice;
            var fullSpend = treatment.Where(Allowed).Sum(l => Spend(l, level));
            var share = Math.Min(1, campaignSpend / fullSpend);
            var profit = treatment.Sum(l => Allowed(l) ? share * Profit(l, level) + (1 - share) * Profit(l, 0) : Profit(l, 0));
            return (Level: level, Share: share, Profit: profit);
        }).MaxBy(u => u.Profit);
        var realizedProfit = records.Where(r => r.Status == OrderStatus.Completed).SelectMany(r => r.Lines.Where(l => l.Bought))
            .Sum(l => (double)(l.Quote.Price - l.Product.UnitCost));

        var treatmentArrivals = records.Count(r => r.Lines.Any(l => !l.Holdout));
        var holdoutArrivals = records.Count(r => r.Lines.All(l => l.Holdout));
        var explored = treatment.Count(l => l.Quote.Reasons.Contains(DecisionReasons.CampaignExploration));
        var rejected = records.Where(r => r.Status is not (null or OrderStatus.Completed)).GroupBy(r => r.Status).ToDictionary(g => g.Key!.Value, g => g.Count());

        Console.WriteLine();
        Console.WriteLine($"Campaign simulation ({settings.Days} days, {records.Length} arrivals, {records.Sum(r => r.Lines.Count)} SKU quotes, seed {settings.Seed})");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Row("constraint violations", violations.Count.ToString(CultureInfo.InvariantCulture));
        Row("budget spent / budget", $"{final.Spent:N2} / {budget:N2} ({final.Spent / budget:P1})");
        Row("spend vs plan at the end", $"{endDeviation:+0.0%;-0.0%}");
        Row("spend vs plan, max deviation over the window", $"{maxDeviation:P1} of budget");
        Row("treatment revenue / target", $"{final.Revenue:N2} / {revenueTarget:N2} ({final.Revenue / revenueTarget:P1})");
        Row("conversions treatment / holdout", string.Create(CultureInfo.InvariantCulture,
            $"{final.TreatmentConversions} of {treatmentArrivals} ({(double)final.TreatmentConversions / Math.Max(1, treatmentArrivals):P1}) / {final.HoldoutConversions} of {holdoutArrivals} ({(double)final.HoldoutConversions / Math.Max(1, holdoutArrivals):P1})"));
        Row("exploration quotes", $"{explored} of {treatment.Count} treatment SKU quotes");
        Row("orders rejected", rejected.Count == 0 ? "none" : string.Join(", ", rejected.Select(r => $"{r.Key}: {r.Value}")));
        Row("expected profit, campaign policy", $"{campaignProfit:N2} (expected spend {campaignSpend:N2}; realized profit {realizedProfit:N2})");
        Row("expected profit, no discount", $"{noDiscountProfit:N2} (campaign {campaignProfit / noDiscountProfit - 1:+0.0%;-0.0%})");
        Row($"expected profit, best uniform discount at equal spend ({Grid[uniform.Level]:P0} to {uniform.Share:P1} of quotes)",
            $"{uniform.Profit:N2} (campaign {campaignProfit / uniform.Profit - 1:+0.0%;-0.0%})");
        foreach (var violation in violations.Take(10))
        {
            Console.WriteLine($"  violation: {violation}");
        }

        var csv = Path.Combine(output, "spend-vs-plan.csv");
        File.WriteAllLines(csv, ["hour,spent,planned,leased,lambda,revenue", .. samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Hour},{s.Spent},{s.Planned},{s.Leased},{s.Lambda},{s.Revenue}"))]);
        var png = Path.Combine(output, "spend-vs-plan.png");
        var plot = new ScottPlot.Plot();
        var hours = samples.Select(s => (double)s.Hour).ToArray();
        var planned = plot.Add.ScatterLine(hours, samples.Select(s => (double)s.Planned).ToArray());
        planned.LegendText = "pacing plan";
        planned.LinePattern = ScottPlot.LinePattern.Dashed;
        planned.LineWidth = 2;
        var spent = plot.Add.ScatterLine(hours, samples.Select(s => (double)s.Spent).ToArray());
        spent.LegendText = "discount spent (committed)";
        spent.LineWidth = 2;
        var limit = plot.Add.HorizontalLine((double)budget);
        limit.LegendText = "budget";
        plot.Title($"Campaign spend vs pacing plan (seed {settings.Seed})");
        plot.XLabel("hours since campaign start");
        plot.YLabel("discount money");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(png, 900, 560);
        Console.WriteLine($"Spend curve: {png} (data: {csv})");

        void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");
    }

    private static async Task ReportUnitsAsync(IGrainFactory grains, IReadOnlyList<ProductDefinition> catalog, ArrivalRecord[] records)
    {
        Console.WriteLine();
        Console.WriteLine("| scarce SKU | units sold / inventory | orders turned away for stock |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var product in catalog.Where(p => p.Inventory < 1000))
        {
            var view = (await grains.GetGrain<IProductGrain>(product.Sku).GetAsync())!;
            var turnedAway = records.Count(r => r.Status == OrderStatus.InsufficientInventory && r.Lines.Any(l => l.Bought && l.Product.Sku == product.Sku));
            Console.WriteLine($"| {product.Sku} | {view.UnitsSold} / {product.Inventory} | {turnedAway} |");
        }
    }

    /// <summary>Direct grain-call quote throughput on SKUs a campaign covers vs SKUs none covers, alternating phases in one run.</summary>
    private static async Task<(List<LatencySummary> Off, List<LatencySummary> On)> MeasureThroughputAsync(
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
        var campaign = new CampaignDefinition("throughput-campaign", at.AddHours(-1), at.AddDays(1), 1_000_000_000m, null, Grid, 1000, MaxDiscount,
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

    private sealed record Arrival(int Hour, int Step, int Customer, List<string> Skus, string Channel, double[] Draws);

    private sealed record LineRecord(ProductFacts Product, Quote Quote, float[] P, int Level, bool Bought, bool Holdout);

    private sealed record ArrivalRecord(string CustomerId, DateTimeOffset At, List<LineRecord> Lines, OrderStatus? Status);

    private sealed record SpendSample(int Hour, decimal Spent, decimal Planned, decimal Leased, double Lambda, decimal Revenue);
}
