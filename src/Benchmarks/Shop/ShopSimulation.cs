using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansPricing.Contracts;
using OrleansPricing.Client.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// Does the cluster learn a shop's discount response from its own decisions? Customers of latent kinds (the truth is
/// <see cref="ShopWorld.Probability"/>, not a model the service fits) ask for quotes and order through the real HTTP API,
/// round after round, with a training run through the admin API between rounds. Each round reports the share of the
/// oracle's expected profit lift over list price the service captured, the same for a blanket 10% coupon, spend, the
/// model that served, and the business figures a shop reports; a PNG shows them by round.
/// </summary>
public static class ShopSimulation
{
    /// <summary>
    /// One simulation per world of <see cref="BenchmarkSettings.Worlds"/> (the first world when none is named) and seed of
    /// <see cref="BenchmarkSettings.Seeds"/> (or <see cref="BenchmarkSettings.Seed"/>), in turn, each on a cluster of its own; with several, a table across each world's seeds follows once all have run (<see cref="ShopSweep"/>).
    /// </summary>
    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var output = Path.Combine(CampaignSimulation.RepositoryRoot(), "artifacts", "shop");
        // A second run in the same checkout would delete this one's decision log and write into it (its training runs then
        // fail on half-written files): it stops instead. The lock is the operating system's, gone when the process is.
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        FileStream exclusive;
        try
        {
            exclusive = new FileStream($"{output}.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            await Console.Error.WriteLineAsync($"Another shop simulation is running in this checkout (it holds {output}.lock): run one at a time, or from another worktree.");
            return 1;
        }

        await using var release = exclusive;
        var seeds = settings.Seeds is { Count: > 0 } severalSeeds ? severalSeeds : [settings.Seed];
        var worlds = settings.Worlds is { Count: > 0 } severalWorlds ? severalWorlds : [ShopWorldShape.FourKinds.Name];
        var sweeps = new List<ShopSweep>();
        foreach (var world in worlds)
        {
            var runs = new List<(int Seed, IReadOnlyList<ShopRound> Rounds)>();
            foreach (var seed in seeds)
            {
                if (seeds.Count * worlds.Count > 1)
                {
                    Console.WriteLine($"World '{world}', seed {seed} ({(sweeps.Count * seeds.Count) + runs.Count + 1} of {seeds.Count * worlds.Count}):");
                }

                runs.Add((seed, await RunSeedAsync(settings with { Seed = seed }, world, output)));
                // Every seed so far, this world's included, rewritten as each seed ends.
                IReadOnlyList<ShopSweep> sofar = [.. sweeps, new ShopSweep(world, runs)];
                if (settings.Results is { } results)
                {
                    ShopResults.Write(results, [.. sofar.SelectMany(ShopResults.Of)]);
                }

                if (settings.KindResults is { } kindResults)
                {
                    ShopKindResults.Write(kindResults, [.. sofar.SelectMany(ShopKindResults.Of)]);
                }
            }

            sweeps.Add(new ShopSweep(world, runs));
        }

        if (seeds.Count * worlds.Count > 1)
        {
            sweeps.ForEach(sweep => sweep.Print());
        }

        return 0;
    }

    /// <summary>One simulation of the named world with the settings' seed; its decision log, lines file (<see cref="ShopLineFile"/>) and plot replace the previous run's in <paramref name="output"/>.</summary>
    private static async Task<IReadOnlyList<ShopRound>> RunSeedAsync(BenchmarkSettings settings, string worldName, string output)
    {
        var random = new Random(settings.Seed);
        var world = ShopWorld.Create(ShopWorldShape.All.Single(w => w.Name == worldName), settings.Customers, random);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        var start = DateTimeOffset.UtcNow;
        var clock = new SimulationClock(start);
        await using var cluster = await EmbeddedCluster.StartAsync(PricingOptions.Onnx, builder =>
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(PricingClock.Key, clock);
            var configuration = builder.Configuration;
            foreach (var setting in settings.Settings ?? [])
            {
                var split = setting.IndexOf('=');
                configuration[setting[..split]] = setting[(split + 1)..];
            }

            configuration["DecisionLog:Directory"] = Path.Combine(output, "decision-log");
            configuration["Pricing:QuoteTimeToLive"] = "00:00:30";
            configuration["Pricing:MaxDiscountedOffersPerDay"] = "100000";
            configuration["Pricing:MaxCustomerDiscount"] = ShopWorld.MaxCustomerDiscount.ToString(CultureInfo.InvariantCulture);
            for (var g = 0; g < ShopWorld.Grid.Length; g++)
            {
                configuration[$"Pricing:DiscountGrid:{g}"] = ShopWorld.Grid[g].ToString(CultureInfo.InvariantCulture);
            }

            configuration["Learning:Interval"] = "00:00:00";
            for (var l = 0; l < (settings.NetworkLayers?.Length ?? 0); l++)
            {
                configuration[$"Learning:NetworkLayers:{l}"] = settings.NetworkLayers![l].ToString(CultureInfo.InvariantCulture);
            }
        });
        using var http = cluster.CreateHttpClient();
        http.Timeout = TimeSpan.FromMinutes(5);

        (await http.PutAsJsonAsync("/api/v1/products", world.Catalog)).EnsureSuccessStatusCode();
        var history = world.Customers.SelectMany(customer => world.History(customer, start, random)).ToList();
        var histories = history.ToLookup(e => e.CustomerId!, StringComparer.Ordinal);
        var posteriors = world.Customers.ToDictionary(c => c.Id, c => (IReadOnlyList<double>)world.KindPosterior([.. histories[c.Id]]), StringComparer.Ordinal);
        foreach (var batch in history.Chunk(1000))
        {
            (await http.PostAsJsonAsync("/api/v1/events", batch)).EnsureSuccessStatusCode();
        }

        Console.WriteLine($"Shop: {world.Catalog.Count} products, {world.Customers.Count} customers of {world.Kinds.Count} latent kinds (world '{world.Shape.Name}'), {history.Count} history events; {settings.Rounds} rounds of {settings.Quotes} quotes{Storefront(settings)}.");
        var rounds = new List<ShopRound>();
        var lastRoundStart = start;
        var logFolder = Path.Combine(output, "decision-log");
        var quoteTimeToLive = cluster.Services.GetRequiredService<IOptions<PricingOptions>>().Value.QuoteTimeToLive;
        // Each exploration draw so far, by decision id, gathered round by round from the log: to value the draws by the
        // truth at the level each replaced, beside the serving models' estimate and a run's own two on its held-out draws.
        var draws = new Dictionary<string, DecisionRecord>(StringComparer.Ordinal);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            lastRoundStart = clock.GetUtcNow();
            rounds.Add(await RunRoundAsync(http, world, posteriors, clock, round, settings.Quotes, random, settings.StorefrontEvents ?? [], settings.ArrivalsByBrowsing, settings.PacedByBrowsing));
            Print(world, settings.Seed, rounds[^1]);

            // Every quote of the round expires before the run, so every decision is labelled; every decision of the round is
            // in the log before a run or the judge reads it (the writer may hold rows for DecisionLog:FlushInterval).
            clock.Set(clock.GetUtcNow().AddMinutes(1));
            await cluster.Services.GetRequiredService<Grains.DecisionLog.DecisionLogWriter>().FlushAsync();
            var logged = DecisionLogFolder.Read(logFolder, clock.GetUtcNow(), quoteTimeToLive, since: lastRoundStart);
            foreach (var draw in logged.Where(d => d.ExploredFrom is not null))
            {
                draws[draw.DecisionId] = draw;
            }

            PrintExploration(world, rounds[^1], draws);
            if (round < settings.Rounds && settings.Learn)
            {
                double? TrueCost(ShopLine line) => line.Explored && draws.TryGetValue(line.QuoteId, out var draw) ? world.ExplorationCost(line, draw.ExploredFrom!.Value) : null;
                rounds[^1] = rounds[^1] with { CouponCheck = await TrainAsync(http, [.. rounds.SelectMany(r => r.Lines)], TrueCost) };
                await ServingAsync(http);
            }
        }

        ShopLineFile.Write(Path.Combine(output, ShopLineFile.FileName), rounds, world.Kinds, posteriors);
        Report(rounds, output);
        if (settings.Judge)
        {
            await ShopJudge.RunAsync(cluster, world, posteriors, logFolder, lastRoundStart, clock.GetUtcNow(), cluster.Services.GetRequiredService<IOptions<PricingOptions>>().Value);
        }

        return rounds;
    }

    /// <summary>The events the storefront may also report around the quotes (<c>--storefront-events</c>), by the API's event types.</summary>
    public static IReadOnlyList<string> StorefrontEventTypes { get; } = ["view", "cart"];

    /// <summary>What the run's storefront does besides asking quotes and ordering, for its first line.</summary>
    private static string Storefront(BenchmarkSettings settings) =>
        (settings.ArrivalsByBrowsing ? "; customers ask in proportion to how often they view products" : "")
        + (settings.PacedByBrowsing ? "; quotes as far apart as the shop's product views" : "")
        + (settings.StorefrontEvents is { Count: > 0 } reported
            ? $"; the storefront reports {string.Join(" and ", reported.Select(e => e == "view" ? "a view of each SKU priced" : "a cart add of each line ordered"))}"
            : "");

    /// <param name="storefrontEvents">
    /// The events a shop's integration also reports around a quote: "view", a view of each SKU priced (the product page that
    /// asked for the price); "cart", a cart add of each line bought, before the order. They draw nothing from
    /// <paramref name="random"/>, so a seed's customers, quotes and answers are those of a run without them.
    /// </param>
    /// <param name="byBrowsing">Whether the customer who asks each quote is drawn in proportion to their kind's views (<see cref="ShopWorld.NextShopper"/>) rather than uniformly.</param>
    /// <param name="pacedByBrowsing">
    /// Whether business time passes, after each quote, as long as the shop takes to view as many products as the quote priced
    /// (<see cref="ShopWorld.BrowsingInterval"/>), besides the 100 ms between any two: the counters decay between quotes as they would in a
    /// shop whose product pages ask the prices. It draws nothing from <paramref name="random"/>.
    /// </param>
    private static async Task<ShopRound> RunRoundAsync(
        HttpClient http, ShopWorld world, IReadOnlyDictionary<string, IReadOnlyList<double>> posteriors, SimulationClock clock, int round, int quotes, Random random,
        IReadOnlyList<string> storefrontEvents, bool byBrowsing, bool pacedByBrowsing)
    {
        var lines = new List<ShopLine>();
        string model = "?";
        for (var q = 0; q < quotes; q++)
        {
            // Quotes follow one another 100 ms apart in business time, so the log's time order is the order they were made.
            clock.Set(clock.GetUtcNow().AddMilliseconds(100));
            var customer = byBrowsing ? world.NextShopper(random) : world.Customers[random.Next(world.Customers.Count)];
            var skus = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => world.PickProduct(customer, random).Sku).Distinct().ToList();
            if (storefrontEvents.Contains("view"))
            {
                await PostEventsAsync(http, [.. skus.Select(sku => new EventRequest($"shop-view-{round}-{q}-{sku}", customer.Id, "view", sku, 1, null, clock.GetUtcNow()))]);
            }

            var response = await (await RetryingUnavailableAsync(() => http.PostAsJsonAsync(HttpQuoteLoad.QuotesPath, new QuoteHttpRequest(customer.Id, skus, "web", null))))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
            model = (string?)response!["model"] ?? "?";
            var ordered = new List<OrderLineHttpRequest>();
            foreach (var quote in response["quotes"]!.AsArray())
            {
                var product = world.Facts[(string)quote!["sku"]!];
                var discount = (double)quote["discount"]!;
                double Profit(double d) => world.ExpectedProfit(customer, product, d);
                double Sales(double d) => world.ExpectedSales(customer, product, d);
                double Spend(double d) => world.Probability(customer, product, d) * (double)(product.ListPrice - DiscountOptimizer.PriceAt(product.ListPrice, d));
                var allowed = ShopWorld.AllowedLevels(product).Select(g => ShopWorld.Grid[g]).ToList();
                var oracle = allowed.MaxBy(Profit);
                var blanket = allowed.Contains(0.10) ? 0.10 : 0;
                var historyInformed = world.HistoryInformedLevel(customer, posteriors[customer.Id], product, allowed);
                var bought = random.NextDouble() < world.Probability(customer, product, discount);
                var price = (double)(decimal)quote["price"]!;
                if (bought)
                {
                    ordered.Add(new OrderLineHttpRequest(product.Sku, 1, (string)quote["token"]!));
                }

                lines.Add(new ShopLine(q, customer.Kind.Name, customer.Id, Profit(discount), Profit(oracle), Profit(0), Profit(blanket), Spend(discount), Spend(oracle),
                    discount, oracle, bought, bought ? price : 0, bought ? price - (double)product.UnitCost : 0,
                    HasReason(quote, DecisionReasons.Exploration),
                    Profit(world.KindInformedLevel(customer, product, allowed)),
                    Profit(historyInformed),
                    HasReason(quote, DecisionReasons.ShadowTrial), (string)quote["quoteId"]!, product.Sku, Sales(discount), Sales(0), Sales(blanket), Spend(historyInformed)));
            }

            if (ordered.Count > 0)
            {
                if (storefrontEvents.Contains("cart"))
                {
                    await PostEventsAsync(http, [.. ordered.Select(line => new EventRequest($"shop-cart-{round}-{q}-{line.Sku}", customer.Id, "cart", line.Sku, 1, null, clock.GetUtcNow()))]);
                }

                (await RetryingUnavailableAsync(() => http.PostAsJsonAsync("/api/v1/orders", new OrderHttpRequest($"shop-order-{round}-{q}", customer.Id, ordered))))
                    .EnsureSuccessStatusCode();
            }

            if (pacedByBrowsing)
            {
                clock.Set(clock.GetUtcNow() + (skus.Count * world.BrowsingInterval));
            }
        }

        return new ShopRound(round, model, lines, quotes);
    }

    /// <summary>
    /// Sends again, after its Retry-After, a request the service answered 503 ("try again shortly": scoring overloaded, or
    /// part of the cluster not answering in time — a run of 27 seeds on a machine busy with other work stopped on one,
    /// its cause not logged), up to five times, as a shop's client would: a quote asked again is a new quote, an order is
    /// idempotent by its id.
    /// </summary>
    private static async Task<HttpResponseMessage> RetryingUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response.Dispose();
        }
    }

    private static async Task PostEventsAsync(HttpClient http, IReadOnlyList<EventRequest> events) =>
        (await RetryingUnavailableAsync(() => http.PostAsJsonAsync("/api/v1/events", events))).EnsureSuccessStatusCode();

    private static bool HasReason(JsonNode quote, string reason) => quote["reasons"]!.AsArray().Any(r => (string?)r == reason);

    /// <param name="lines">Every line quoted so far, in the order quoted: the newest of them are the run's held-out decisions, on which its estimates of list price and the blanket 10% coupon are printed beside the truth.</param>
    /// <returns>Those estimates beside the truth; null when the run judged no coupon.</returns>
    /// <param name="trueCost">What a line gave up by the truth when it was an exploration draw with a replaced level, else null.</param>
    private static async Task<ShopCouponCheck?> TrainAsync(HttpClient http, IReadOnlyList<ShopLine> lines, Func<ShopLine, double?> trueCost)
    {
        ShopCouponCheck? check = null;
        var started = await (await http.PostAsync("/api/v1/admin/learning/runs", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var runId = (string)started!["runId"]!;
        while (true)
        {
            var run = await http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/learning/runs/{runId}");
            if ((string)run!["status"]! != "running")
            {
                Console.WriteLine($"  training {runId}: {run["status"]}, {run["trainingDecisions"]} decisions trained on, {run["heldOutDecisions"]} held out; {run["reason"]}");
                if (run["trial"] is JsonObject trial)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    trial of {trial["shadowModel"]}: its quotes earned {(double)trial["shadowProfitPerLine"]!:F3} a line over {trial["shadowLines"]} lines, the active version's {(double)trial["activeProfitPerLine"]!:F3} over {trial["activeLines"]}; difference over the lines the arm decided {(double)trial["difference"]!:+0.000;-0.000} ({(double)trial["differenceLower"]!:+0.000;-0.000} to {(double)trial["differenceUpper"]!:+0.000;-0.000})"));
                }

                if (run["exploration"] is JsonObject explored)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    exploration: {explored["explored"]} of {explored["decisions"]} decisions were exploration draws ({(double)explored["share"]!:P1}); the pricing models' estimate of the expected profit given up {(double)explored["estimatedCost"]!:F1}, {(double)explored["costPerDecision"]!:F3} a decision"));
                    // The held-out draws are among the newest lines (one caller quotes one line after another).
                    if ((int)explored["heldOutDraws"]! is > 0 and var draws && (int)run["heldOutDecisions"]! is var held && held <= lines.Count)
                    {
                        var truths = lines.Skip(lines.Count - held).Select(trueCost).OfType<double>().ToList();
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"    exploration on the {draws} held-out draws, a draw: the serving models' estimate {(double)explored["heldOutServingCost"]! / draws:F3}, the run's first candidate's {(double)explored["heldOutCandidateCost"]! / draws:F3}; by the truth {truths.DefaultIfEmpty().Average():F3} ({truths.Count} draws among the newest {held} lines)"));
                    }
                }

                if (run["blanketCoupons"]?.AsArray().FirstOrDefault(c => Math.Abs((double)c!["discount"]! - 0.10) < 1e-9) is JsonObject coupon
                    && (int)run["heldOutDecisions"]! is > 0 and var heldOut && heldOut <= lines.Count)
                {
                    // The run's held-out decisions are the newest it read (one caller quotes one line after another); the
                    // truth's coupon is 10% where allowed, else list price, the service's the deepest allowed level up to 10%.
                    var newest = lines.Skip(lines.Count - heldOut).ToList();
                    var active = newest.Where(l => !l.ShadowArm).ToList();
                    check = new ShopCouponCheck(
                        (double)coupon["doublyRobust"]!, newest.Average(l => l.Blanket), (double)run["listPriceProfit"]!, newest.Average(l => l.List),
                        (double)coupon["effectiveSampleSize"]!, (double)coupon["activeDifference"]!, (double)coupon["activeDifferenceLower"]!,
                        (double)coupon["activeDifferenceUpper"]!, (string?)coupon["shownBetter"], active.Count == 0 ? 0 : active.Average(l => l.Served - l.Blanket));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    blanket 10%: estimated {check.Estimated:F3} a decision (SNIPS {(double)coupon["selfNormalizedIps"]!:F3}, ESS {check.EffectiveSampleSize:F0}), list price {check.ListEstimated:F3}; the active policy {check.Difference:+0.000;-0.000} over the coupon ({check.Lower:+0.000;-0.000} to {check.Upper:+0.000;-0.000}), shown better: {check.ShownBetter ?? "neither"}; by the truth on the newest {heldOut:N0} lines: the coupon {check.True:F3} a line, list price {check.ListTrue:F3}; on the {active.Count:N0} the active version priced (exploration draws included), its quotes {active.DefaultIfEmpty().Average(l => l?.Served ?? 0):F3}, the coupon {active.DefaultIfEmpty().Average(l => l?.Blanket ?? 0):F3}"));
                }

                foreach (var model in run["candidates"]!.AsArray())
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {model!["role"]} ({model["model"]}): doubly robust {(double)model["doublyRobust"]!:F3}, SNIPS {(double)model["selfNormalizedIps"]!:F3}, ESS {(double)model["effectiveSampleSize"]!:F0}, mean discount {(double)model["meanDiscount"]!:P1}, AUC {(double?)model["auc"]:F3}, log-loss {(double?)model["logLoss"]:F4}"));
                }

                return check;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Until every silo serves the registry's active and shadow versions (each polls the registry), so a round is priced by what the run decided.</summary>
    private static async Task ServingAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var models = await http.GetFromJsonAsync<JsonObject>("/api/v1/admin/models");
            var (active, shadow) = ((string?)models!["active"], (string?)models["shadow"]);
            if (models["silos"]!.AsArray().All(silo => (string?)silo!["activeVersion"] == active && (string?)silo["shadowVersion"] == shadow))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The silos did not load the registry's versions within 30 s.");
    }

    private static void Print(ShopWorld world, int seed, ShopRound round)
    {
        // Each kind's figures; its discounts and spend are the models' own, on the lines they chose, the oracle's on the same lines.
        var byKind = world.Kinds.Select(k => ShopKindResult.Of(world.Shape.Name, seed, round, k.Name)).ToList();
        // Each kind's part of the round's capture in points, so that the unmoved kinds' discounts show what they cost.
        static string Points(ShopKindResult k) => string.Create(CultureInfo.InvariantCulture, $"{100 * k.Points:+0.0;-0.0;0.0} points");
        var kinds = !round.HasLift
            ? "no discount pays on this round's lines; each kind's expected profit against list price's: " + string.Join(", ", byKind.Select(k =>
                string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.AgainstList:+0.0;-0.0;0.0}")))
            : string.Join(", ", byKind.Select(k => k.LiftShare < ShopKindResult.NoLift
            ? $"{k.Kind} {Points(k)} (no lift to capture)"
            : string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {round.CaptureFor(k.Kind):P0} of {k.LiftShare:P0} of the lift ({Points(k)})")));
        var depths = string.Join(", ", byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Discount:P1} (oracle {k.OracleDiscount:P1})")));
        Console.WriteLine(round.HasLift
                ? string.Create(CultureInfo.InvariantCulture, $"round {round.Number} ({round.Model}): captured {round.Capture:P1} of the oracle's profit lift ({round.GreedyCapture:P1} on the lines not explored; blanket 10%: {round.BlanketCapture:P1}{(world.Shape.HasSpread ? string.Create(CultureInfo.InvariantCulture, $"; knowing the kinds, not the spread: {round.KindInformedCapture:P1}") : "")}; knowing what the history tells of the kinds: {round.HistoryInformedCapture:P1}); by kind: {kinds}; spend {round.Spend:N0} (oracle {round.OracleSpend:N0}; the policy reading the histories {round.HistoryInformedSpend:N0}); mean discount {round.MeanDiscount:P1}")
                : string.Create(CultureInfo.InvariantCulture, $"round {round.Number} ({round.Model}): expected profit {round.ExpectedProfit:N0} against list price's {round.ListProfit:N0} ({round.AgainstList:+0.0%;-0.0%;0.0%}; blanket 10%: {(round.BlanketProfit / round.ListProfit) - 1:+0.0%;-0.0%;0.0%}); {kinds}; spend {round.Spend:N0}; mean discount {round.MeanDiscount:P1}"));
        if (round.HasLift)
        {
            var againstHistories = string.Join(", ", byKind.Select(k => string.Create(CultureInfo.InvariantCulture,
                $"{k.Kind} {100 * k.Points:+0.0;-0.0;0.0} / {100 * k.HistoryPoints:+0.0;-0.0;0.0}")));
            Console.WriteLine($"  points by kind, served / the policy reading the histories: {againstHistories}");
        }

        Console.WriteLine($"  mean discount by kind, not explored (the oracle's on the same lines): {depths}");
        var spends = string.Join(", ", byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Spend:N0} (oracle {k.OracleSpend:N0})")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  spend by kind, not explored (the oracle's on the same lines): {spends}; on exploration draws {byKind.Sum(k => k.ExploredSpend):N0}"));
        var arms = round.Arms().Select(arm => string.Create(CultureInfo.InvariantCulture,
            $"{(arm.ShadowArm ? "shadow" : "active")} {arm.Lines} lines, expected profit {arm.Expected:F3} a line (list price {arm.List:F3}), realized {arm.Realized:F3}"));
        Console.WriteLine($"  by arm, true expected profit and realized: {string.Join("; ", arms)}");
    }

    /// <summary>
    /// The round's exploration draws valued by the truth beside the serving models' own estimate of what they gave up
    /// (the log's <c>exploration_cost</c>; the truth values the level each draw replaced, <c>explored_from</c>), and the
    /// spend on them: what the service reports of exploration's cost, checked.
    /// </summary>
    /// <param name="logged">The exploration draws in the log by decision id (this round's among them).</param>
    private static void PrintExploration(ShopWorld world, ShopRound round, IReadOnlyDictionary<string, DecisionRecord> logged)
    {
        var draws = round.Lines.Where(l => l.Explored && logged.ContainsKey(l.QuoteId)).Select(l =>
            (Estimated: logged[l.QuoteId].ExplorationCost ?? 0, True: world.ExplorationCost(l, logged[l.QuoteId].ExploredFrom!.Value), l.ServedSpend)).ToList();
        // A campaign's own draws carry no replaced level (its exploration is paced by its budget, not the pricing model's).
        var otherDraws = round.Lines.Count(l => l.Explored) - draws.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  exploration: {draws.Count} lines of {round.Lines.Count} ({(double)draws.Count / round.Lines.Count:P1}); expected profit given up by the serving models' estimate {draws.Sum(d => d.Estimated):N1} ({draws.DefaultIfEmpty().Average(d => d.Estimated):F3} a draw), by the truth {draws.Sum(d => d.True):N1} ({draws.DefaultIfEmpty().Average(d => d.True):F3} a draw, {(round.HasLift ? $"{draws.Sum(d => d.True) / round.Lines.Sum(l => l.Oracle - l.List):P1} of the oracle's lift" : $"{draws.Sum(d => d.True) / round.Lines.Sum(l => l.List):P1} of list price's expected profit")}); spend on them {draws.Sum(d => d.ServedSpend):N0} of {round.Spend:N0}{(otherDraws > 0 ? $"; {otherDraws} draws without a replaced level in the log" : "")}"));
    }

    private static void Report(IReadOnlyList<ShopRound> rounds, string output)
    {
        Console.WriteLine();
        Console.WriteLine("| round | model | captured | blanket 10% | bargain hunters | expected profit | vs list | vs blanket | expected sales vs list | vs blanket | spend / oracle's | conversion | repeat buyers | realized sales |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Number} | {r.Model} | {r.Capture:P1} | {r.BlanketCapture:P1} | {r.CaptureFor("bargain-hunter"):P1} | {r.ExpectedProfit:N0} | {r.AgainstList:+0.0%;-0.0%} | {r.AgainstBlanket:+0.0%;-0.0%} | {r.SalesAgainstList:+0.0%;-0.0%} | {r.SalesAgainstBlanket:+0.0%;-0.0%} | {r.Spend:N0} / {r.OracleSpend:N0} | {r.ConversionRate:P1} | {r.RepeatPurchaseRate:P1} | {r.Lines.Sum(l => l.RealizedRevenue):N0} |"));
        }

        PlotCapture(rounds, Path.Combine(output, "capture-by-round.png"));
        PlotBusiness(rounds, Path.Combine(output, "business-by-round.png"));
    }

    private static void PlotCapture(IReadOnlyList<ShopRound> rounds, string png)
    {
        var plot = new ScottPlot.Plot();
        double[] xs = [.. rounds.Select(r => (double)r.Number)];
        var served = plot.Add.ScatterLine(xs, [.. rounds.Select(r => 100 * r.Capture)]);
        served.LegendText = "service (learning between rounds)";
        served.LineWidth = 2;
        var blanket = plot.Add.ScatterLine(xs, [.. rounds.Select(r => 100 * r.BlanketCapture)]);
        blanket.LegendText = "blanket 10% coupon";
        blanket.LinePattern = ScottPlot.LinePattern.Dashed;
        var hunters = plot.Add.ScatterLine(xs, [.. rounds.Select(r => 100 * r.CaptureFor("bargain-hunter"))]);
        hunters.LegendText = "service, bargain hunters only";
        RoundPlot.Save(plot, png, "Share of the oracle's expected profit lift over list price", "round", "% captured", ScottPlot.Alignment.LowerRight);
        Console.WriteLine($"Plot: {png}");
    }

    /// <summary>The figures a shop reports, by round: conversion, repeat buyers, and expected profit and sales against list price and the blanket coupon.</summary>
    private static void PlotBusiness(IReadOnlyList<ShopRound> rounds, string png)
    {
        var plot = new ScottPlot.Plot();
        double[] xs = [.. rounds.Select(r => (double)r.Number)];
        (string Label, Func<ShopRound, double> Value, bool Dashed)[] series =
        [
            ("conversion rate", r => r.ConversionRate, false),
            ("repeat buyers", r => r.RepeatPurchaseRate, false),
            ("expected profit vs list price", r => r.AgainstList, false),
            ("expected profit vs blanket 10% coupon", r => r.AgainstBlanket, true),
            ("expected sales vs list price", r => r.SalesAgainstList, false),
            ("expected sales vs blanket 10% coupon", r => r.SalesAgainstBlanket, true),
        ];
        foreach (var (label, value, dashed) in series)
        {
            var line = plot.Add.ScatterLine(xs, [.. rounds.Select(r => 100 * value(r))]);
            line.LegendText = label;
            line.LineWidth = 2;
            if (dashed)
            {
                line.LinePattern = ScottPlot.LinePattern.Dashed;
            }
        }

        plot.Add.HorizontalLine(0, color: ScottPlot.Colors.Gray);
        RoundPlot.Save(plot, png, "What the shop reports, by round", "round", "%", ScottPlot.Alignment.UpperLeft);
        Console.WriteLine($"Plot: {png}");
    }
}
