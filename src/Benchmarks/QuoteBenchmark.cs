using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orleans.Core.Internal;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Customers;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks;

/// <summary>Quote throughput and latency: direct grain calls (baseline) and the HTTP gateway in interleaved rounds of one run.</summary>
public static class QuoteBenchmark
{
    private const string BenchmarkCampaignId = "benchmark-campaign";

    /// <param name="otherCpu">CPU time of processes serving the cluster outside this one (Azurite), to report their share.</param>
    public static async Task<(LatencySummary Direct, LatencySummary Http)> RunAsync(
        EmbeddedCluster cluster, BenchmarkSettings settings, string label, Func<TimeSpan>? otherCpu = null)
    {
        var grains = cluster.Grains;
        var random = new Random(42);
        var skus = Enumerable.Range(0, 200).Select(i => $"BENCH-{i:D3}").ToArray();
        await Task.WhenAll(skus.Select((sku, i) =>
        {
            var listPrice = Math.Round(5m + (decimal)random.NextDouble() * 195m, 2);
            return grains.GetGrain<IProductGrain>(sku).UpsertAsync(new ProductDefinition(
                sku, $"category-{i % 12}", listPrice, Math.Round(listPrice * 0.45m, 2), Math.Round(listPrice * 0.7m, 2), 0.3, 1_000_000));
        }));
        var now = DateTimeOffset.UtcNow;
        // 11 hours apart (as before the option), closer for long histories: within the duplicate filter's 30-day window,
        // so every event id stays in the state.
        var spacing = TimeSpan.FromDays(29) / settings.HistoryEvents;
        spacing = spacing < TimeSpan.FromHours(11) ? spacing : TimeSpan.FromHours(11);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Customers), async (c, _) =>
        {
            var events = Enumerable.Range(0, settings.HistoryEvents).Select(e => new CustomerEventInput(
                $"bench-{c}-{e}", (CustomerEventKind)(e % 3), skus[(c * 7 + e) % skus.Length], 1, e % 3 == 2 ? 30m : 0m, now - spacing * e)).ToList();
            foreach (var batch in events.Chunk(500))
            {
                await grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").RecordEventsAsync(batch);
            }
        });
        Console.WriteLine($"Seeded {skus.Length} products and {settings.Customers} customers with {settings.HistoryEvents} events each.");

        QuoteRequest NextRequest(Random r) =>
            new(Enumerable.Range(0, settings.SkusPerQuote).Select(_ => skus[r.Next(skus.Length)]).Distinct().ToList(), "web");
        Task DirectQuote(Random r) => grains.GetGrain<ICustomerGrain>($"bench-customer-{r.Next(settings.Customers)}").QuoteAsync(NextRequest(r));

        if (settings.Campaign)
        {
            // A campaign over every SKU, its budget out of reach: each quote line reserves from the campaign's lease and is
            // priced by its duals, as in a shop running a promotion.
            var saved = await grains.GetGrain<ICampaignGrain>(BenchmarkCampaignId).SaveAsync(new CampaignDefinition(
                BenchmarkCampaignId, now.AddHours(-1), now.AddDays(1), 1_000_000_000m, null, PricingOptions.DefaultDiscountGrid, 1000, 0.3, skus, [],
                HoldoutFraction: 0.1, ExplorationRate: 0.05, new Dictionary<string, int>()));
            if (!saved.Ok)
            {
                throw new InvalidOperationException($"The benchmark's campaign was refused: {saved.Error}");
            }

            Console.WriteLine("Campaign: every SKU covered, budget 1,000,000,000, holdout 10%, exploration 5%.");
        }

        // Warm-up: every customer quoted once, so activations and first state loads are not measured.
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Customers), async (c, _) =>
            await grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").QuoteAsync(NextRequest(new Random(c))));

        // Request bodies made before the phases, so the load generator (in this process, on the same cores) spends its time
        // sending and reading, not building JSON: the HTTP phases measure the gateway more than its client.
        var bodies = Enumerable.Range(0, 4096).Select(i =>
        {
            var r = new Random(i);
            return JsonSerializer.SerializeToUtf8Bytes(new { customerId = $"bench-customer-{r.Next(settings.Customers)}", skus = NextRequest(r).Skus, channel = "web" });
        }).ToArray();
        using var http = cluster.CreateHttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency });
        var httpQuote = HttpQuoteLoad.Sender(http, bodies);

        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        var viaWrk = settings.HttpLoad == WrkLoad.Program;
        if (viaWrk && !WrkLoad.Installed())
        {
            throw new InvalidOperationException($"--http-load {WrkLoad.Program}: '{WrkLoad.Program}' is not on the PATH (Debian: apt-get install {WrkLoad.Program}).");
        }

        await Workload.RunAsync($"warm-up ({label}, direct)", settings.Concurrency, warmup, DirectQuote);
        // The load process warms itself up (its own JIT, its connections) as it starts, then waits for its rounds.
        using var loadProcess = settings.HttpLoad == HttpLoadProcess.Name
            ? await HttpLoadProcess.StartAsync(cluster.Address, cluster.ApiKey, bodies, settings.Concurrency, warmup, settings.Duration / 2, rounds: 2, settings.Rate)
            : null;
        if (viaWrk)
        {
            await WrkLoad.RunAsync(cluster.Address, cluster.ApiKey, bodies, settings.Concurrency, warmup);
        }
        else if (loadProcess is null)
        {
            await Workload.RunAsync($"warm-up ({label}, HTTP)", settings.Concurrency, warmup, httpQuote);
        }

        // Rounds of half a phase in the order direct, HTTP, HTTP, direct: what drifts over the run (daily caps used up,
        // storage and heap growing, JIT tiers) weighs on both paths alike. Each path's figures are over both its rounds.
        var direct = new PathTotals();
        var viaHttp = new PathTotals();
        async Task Round(bool overHttp)
        {
            var totals = overHttp ? viaHttp : direct;
            totals.Add(await Workload.RunAsync(
                $"{(overHttp ? "HTTP gateway" : "grain calls")} ({label}), round {totals.Rounds + 1}", settings.Concurrency, settings.Duration / 2,
                overHttp ? httpQuote : DirectQuote, otherCpu, totals.Recorder, settings.Rate));
        }

        // wrk's half of the run is one run of a whole phase between the direct rounds, so its percentiles cover all of it.
        await Round(overHttp: false);
        var otherLoadSummary = viaWrk ? await RunWrkAsync(cluster, bodies, settings, otherCpu)
            : loadProcess is not null ? await loadProcess.RunRoundsAsync(otherCpu, viaHttp)
            : null;
        if (otherLoadSummary is null)
        {
            await Round(overHttp: true);
            await Round(overHttp: true);
        }

        await Round(overHttp: false);
        await FirstQuotesAsync(cluster, settings, label, NextRequest, otherCpu);

        // The floor under any request: the same client, connections and Kestrel answering the liveness probe (no key, no
        // grain, no JSON body). Its CPU per request is what the load generator and the transport cost a quote at least.
        async Task EmptyRequest(Random r)
        {
            using var response = await http.GetAsync(HealthEndpoints.Live);
            response.EnsureSuccessStatusCode();
        }

        await Workload.RunAsync($"empty requests ({HealthEndpoints.Live})", settings.Concurrency, settings.Duration, EmptyRequest, otherCpu);
        var (directSummary, httpSummary) = (direct.Summarize(), otherLoadSummary ?? viaHttp.Summarize());
        var httpFrom = viaWrk ? $"; HTTP from {WrkLoad.Program}" : loadProcess is not null ? "; HTTP from a load process of its own" : "";
        if (settings.Rate is { } offered)
        {
            // Both paths were offered the same rate: what tells them apart is the latency, and whether they kept up.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Offered {offered} quotes/s: direct grain calls answered {directSummary.PerSecond:F0}/s at p99 {directSummary.P99Ms:F2} ms, the HTTP gateway {httpSummary.PerSecond:F0}/s at p99 {httpSummary.P99Ms:F2} ms ({label} model; {settings.SkusPerQuote} SKUs x 7 levels per quote{(settings.Campaign ? "; a campaign covering every SKU" : "")}{httpFrom})."));
            return (directSummary, httpSummary);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP gateway throughput = {httpSummary.PerSecond / directSummary.PerSecond:P0} of direct grain calls ({label} model; {settings.SkusPerQuote} SKUs x 7 levels per quote{(settings.Campaign ? "; a campaign covering every SKU" : "")}; {(viaWrk ? $"HTTP from {WrkLoad.Program} between the direct rounds" : $"{(loadProcess is null ? "" : "HTTP from a load process of its own, ")}rounds {string.Join(", ", viaHttp.Rates.Zip(direct.Rates, (h, d) => (h / d).ToString("P0", CultureInfo.InvariantCulture)))} of the direct round beside them")})."));
        return (directSummary, httpSummary);
    }

    /// <summary>
    /// Quotes that each begin an activation, as a shop's returning customers' do once their grains were collected: every
    /// customer's activation is deactivated (products, scoring and campaigns stay as a busy silo keeps them), then each
    /// customer quoted once (direct calls: the grain's activation, its two state reads and what the quote writes), again
    /// until the phase's time is spent. The deactivations are not timed.
    /// </summary>
    private static async Task FirstQuotesAsync(
        EmbeddedCluster cluster, BenchmarkSettings settings, string label, Func<Random, QuoteRequest> nextRequest, Func<TimeSpan>? otherCpu)
    {
        var name = $"first quotes of activations ({label})";
        var recorder = new LatencyRecorder();
        using var cpu = new PhaseCpu(otherCpu);
        var quoting = TimeSpan.Zero;
        var phase = Stopwatch.StartNew();
        for (var pass = 0; phase.Elapsed < settings.Duration / 2; pass++)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.Customers), async (c, cancellation) =>
                await cluster.Grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").AsReference<IGrainManagementExtension>().DeactivateOnIdle(cancellation));
            // Deactivation completes after the call returns (a customer holding discounted offers ahead writes them back
            // then); a quote arriving meanwhile would wait on it, so the quotes start once no customer is active (at most 60 s).
            await WhenCustomersDeactivatedAsync(cluster, TimeSpan.FromSeconds(60));
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(worker => Task.Run(async () =>
            {
                var random = new Random(pass * 1000 + worker);
                for (var c = Interlocked.Increment(ref next); c < settings.Customers; c = Interlocked.Increment(ref next))
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        await cluster.Grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").QuoteAsync(nextRequest(random));
                        recorder.Record(Stopwatch.GetTimestamp() - start);
                    }
                    catch (Exception exception) when (Workload.IsFailedRequest(exception))
                    {
                        recorder.Fail();
                    }
                }
            })));
            quoting += Stopwatch.GetElapsedTime(started);
        }

        var summary = recorder.Summarize(quoting);
        Console.WriteLine($"{name,-34} {summary}");
        Console.WriteLine(cpu.Describe(summary.Requests, "load generator, silo; the deactivations too"));
    }

    private static async Task WhenCustomersDeactivatedAsync(EmbeddedCluster cluster, TimeSpan atMost)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var customerGrain = typeof(CustomerGrain).FullName!;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < atMost; await Task.Delay(TimeSpan.FromMilliseconds(100)))
        {
            var statistics = await management.GetSimpleGrainStatistics();
            if (!statistics.Any(statistic => statistic.GrainType.Contains(customerGrain, StringComparison.Ordinal) && statistic.ActivationCount > 0))
            {
                return;
            }
        }

        Console.WriteLine($"  (customers were still active after {atMost.TotalSeconds:F0} s of deactivating; the quotes start anyway)");
    }

    /// <summary>The HTTP phase from wrk, with its CPU, this process's (gateway and silo) and Azurite's, each a share of the cores.</summary>
    private static async Task<LatencySummary> RunWrkAsync(EmbeddedCluster cluster, IReadOnlyList<byte[]> bodies, BenchmarkSettings settings, Func<TimeSpan>? otherCpu)
    {
        using var cpu = new PhaseCpu(otherCpu);
        var (summary, wrkCpu) = await WrkLoad.RunAsync(cluster.Address, cluster.ApiKey, bodies, settings.Concurrency, settings.Duration);
        Console.WriteLine($"HTTP gateway ({WrkLoad.Program}, a process of its own) {summary}");
        Console.WriteLine(cpu.Describe(summary.Requests, "gateway, silo", (WrkLoad.Program, wrkCpu)));
        return summary;
    }

    public static void PrintTable(IEnumerable<(string Name, LatencySummary Summary)> rows, string unit = "quotes/s")
    {
        Console.WriteLine();
        Console.WriteLine($"| path | {unit} | p50 ms | p90 ms | p99 ms | failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, summary) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {summary.PerSecond:F0} | {summary.P50Ms:F2} | {summary.P90Ms:F2} | {summary.P99Ms:F2} | {summary.Failures} |"));
        }
    }
}
