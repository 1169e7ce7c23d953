using System.CommandLine;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The benchmark commands (System.CommandLine): <c>quotes</c> (the default), <c>scoring</c> and <c>campaign</c>, each
/// with <c>--help</c>; a bad value is refused with the option's name before anything starts.
/// </summary>
public static class BenchmarkCommandLine
{
    public static RootCommand Build(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("OrleansPricing benchmarks: figures, not tests. Without a command, runs 'quotes'.");
        AddQuoteOptions(root, "quotes", run);
        root.Subcommands.Add(Quotes(run));
        root.Subcommands.Add(Scoring(run));
        root.Subcommands.Add(ScoringSharing(run));
        root.Subcommands.Add(Campaign(run));
        root.Subcommands.Add(Shop(run));
        root.Subcommands.Add(ShopCompare());
        root.Subcommands.Add(ShopSummaryCommand());
        root.Subcommands.Add(ShopKindsCommand());
        root.Subcommands.Add(JudgeLog());
        root.Subcommands.Add(Learning(run));
        root.Subcommands.Add(Lease(run));
        root.Subcommands.Add(DecisionLogRead(run));
        root.Subcommands.Add(HttpLoad());
        return root;
    }

    /// <summary>The load generator of <c>quotes --http-load process</c>, started by the benchmark itself (hidden from --help).</summary>
    private static Command HttpLoad()
    {
        var command = new Command(HttpLoadProcess.Command, "Sends the quotes benchmark's HTTP rounds from a process of its own.") { Hidden = true };
        var address = new Option<Uri>("--address")
        {
            Description = "The gateway's base address.",
            Required = true,
            CustomParser = result =>
            {
                if (Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri))
                {
                    return uri;
                }

                result.AddError("--address must be an absolute URI, e.g. http://127.0.0.1:5000/.");
                return null;
            },
        };
        var bodies = new Option<FileInfo>("--bodies") { Description = "Request bodies, one JSON document a line.", Required = true };
        bodies.AcceptExistingOnly();
        var concurrency = Positive("--concurrency", 32, "Concurrent callers.");
        var warmup = Positive("--warmup-ms", 10_000, "Milliseconds of closed-loop load before the rounds.");
        var round = Positive("--round-ms", 5_000, "Milliseconds a round.");
        var rounds = Positive("--rounds", 2, "Rounds, each announced to the parent process.");
        var rate = new Option<int?>("--rate") { Description = "Quotes a second offered by all callers together (open loop); none: closed loop." };
        foreach (var option in new Option[] { address, bodies, concurrency, warmup, round, rounds, rate })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => HttpLoadProcess.RunChildAsync(
            parse.GetValue(address)!, parse.GetValue(bodies)!, parse.GetValue(concurrency), TimeSpan.FromMilliseconds(parse.GetValue(warmup)),
            TimeSpan.FromMilliseconds(parse.GetValue(round)), parse.GetValue(rounds), parse.GetValue(rate)));
        return command;
    }

    private static Command Quotes(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("quotes", "Quote throughput and latency: direct grain calls against the HTTP gateway, same run.");
        var storage = new Option<string>("--storage")
        {
            Description = "Grain storage: memory, azurite (started from node_modules, in memory, on loopback) or an Azure Storage connection string.",
            DefaultValueFactory = _ => "memory",
        };
        var campaign = new Option<bool>("--campaign")
        {
            Description = "Price the quotes under a campaign that covers every SKU the benchmark quotes (budget out of reach), as a shop running one would.",
        };
        var httpLoad = new Option<string>("--http-load")
        {
            Description = $"What sends the HTTP phase's quotes: in-process (an HttpClient in this process), {HttpLoadProcess.Name} (the same client and beat in a process of its own, its CPU reported apart) or {WrkLoad.Program} (Debian's package, a process of its own, closed loop).",
            DefaultValueFactory = _ => "in-process",
        };
        httpLoad.AcceptOnlyFromAmong("in-process", HttpLoadProcess.Name, WrkLoad.Program);
        var rate = new Option<int?>("--rate")
        {
            Description = "Quotes a second offered in each measured phase, the callers sending on a fixed beat (open loop; latency counted from when a request was due). Without it each caller sends as soon as its last quote is answered: the most the path answers.",
        };
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--rate must be a positive whole number of quotes a second.");
            }
        });
        command.Options.Add(storage);
        command.Options.Add(campaign);
        command.Options.Add(httpLoad);
        command.Options.Add(rate);
        command.Validators.Add(result =>
        {
            if (result.GetValue(rate) is not null && result.GetValue(httpLoad) == WrkLoad.Program)
            {
                result.AddError($"--rate paces the in-process load and the {HttpLoadProcess.Name} load only: {WrkLoad.Program} sends as fast as it is answered.");
            }
        });
        AddQuoteOptions(command, "quotes", run, parse => parse.GetValue(storage)!, parse => parse.GetValue(campaign), parse => parse.GetValue(httpLoad)!,
            parse => parse.GetValue(rate));
        return command;
    }

    private static Command Scoring(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("scoring", "The scoring pool: raw ONNX Runtime by batch size, micro-batching, the grain pool, quotes with the ONNX model.");
        var seconds = Positive("--seconds", 10, "Seconds per phase.");
        var concurrency = Positive("--concurrency", 32, "Concurrent callers.");
        var provider = Provider("auto");
        var maxDelay = new Option<int?>("--max-delay-us") { Description = "Micro-batcher linger in microseconds (default: the service's)." };
        NotNegative(maxDelay);
        var maxBatch = new Option<int?>("--max-batch") { Description = "Most rows per ONNX Runtime batch (default: the service's)." };
        NotNegative(maxBatch);
        // A lent GPU machine's minutes are few: the quote phases' warm-ups were most of a run there.
        var warmup = Positive("--warmup", 10, "Seconds of load before each measured quote phase.");
        // A second run that changes the silos' settings alone (Scoring__CpuMemoryArena=true, say) needs no raw phases again.
        var quotesOnly = new Option<bool>("--quotes-only") { Description = "Only the cluster's phases: the grain pool and the quotes of each model, not raw ONNX Runtime or micro-batching." };
        command.Options.Add(seconds);
        command.Options.Add(concurrency);
        command.Options.Add(provider);
        command.Options.Add(maxDelay);
        command.Options.Add(maxBatch);
        command.Options.Add(warmup);
        command.Options.Add(quotesOnly);
        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("scoring", TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(concurrency), 3, 2000,
                parse.GetValue(provider)!, parse.GetValue(maxDelay), parse.GetValue(maxBatch), WarmupSeconds: parse.GetValue(warmup),
                QuotesOnly: parse.GetValue(quotesOnly)),
            cancellation));
        return command;
    }

    private static Command ScoringSharing(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("scoring-sharing", "Raw ONNX Runtime with callers sharing one session: quotes/s and CPU a quote by callers, the CPU memory arena on and off.");
        var seconds = Positive("--seconds", 1, "Seconds per measurement.");
        var provider = Provider("cpu");
        command.Options.Add(seconds);
        command.Options.Add(provider);
        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("scoring-sharing", TimeSpan.FromSeconds(parse.GetValue(seconds)), 1, 3, 0, parse.GetValue(provider)!), cancellation));
        return command;
    }

    private static Command Campaign(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("campaign", "A seeded campaign week through an embedded silo on a simulated business clock.");
        var seconds = Positive("--seconds", 10, "Seconds per throughput phase (campaigns on and off).");
        var days = Positive("--days", 7, "Days the campaign runs.");
        var arrivals = Positive("--arrivals-per-hour", 200, "Customer arrivals per simulated hour.");
        var customers = Positive("--customers", 2000, "Simulated customers.");
        var seed = new Option<int>("--seed") { Description = "Random seed of the simulated shop.", DefaultValueFactory = _ => 7 };
        foreach (var option in new Option[] { seconds, days, arrivals, customers, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("campaign", TimeSpan.FromSeconds(parse.GetValue(seconds)), 32, 3, parse.GetValue(customers), "auto",
                Days: parse.GetValue(days), ArrivalsPerHour: parse.GetValue(arrivals), Seed: parse.GetValue(seed)),
            cancellation));
        return command;
    }

    private static Command Shop(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("shop", "Does the cluster learn? Customers of latent kinds quote and order through HTTP, with a training run between rounds.");
        var rounds = Positive("--rounds", 4, "Rounds of quotes.");
        var quotes = Positive("--quotes", 3000, "Quote requests per round.");
        var customers = Positive("--customers", 2000, "Simulated customers.");
        var seed = new Option<int[]>("--seed")
        {
            Description = "Random seed of the simulated shop; with several (--seed 7 11 23), each runs in turn and a table across them follows.",
            DefaultValueFactory = _ => [7],
            AllowMultipleArgumentsPerToken = true,
        };
        var noLearning = new Option<bool>("--no-learning") { Description = "Skip the training runs (the baseline: the prior prices every round)." };
        var layers = NetworkLayers();
        var overrides = new Option<string[]>("--set")
        {
            Description = "A service setting for this run, e.g. --set Pricing:ExplorationRate=0.1 (repeatable); what the simulation sets itself wins.",
            AllowMultipleArgumentsPerToken = false,
        };
        overrides.Validators.Add(result =>
        {
            foreach (var setting in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (setting.IndexOf('=') <= 0)
                {
                    result.AddError($"--set {setting}: expected Key=Value, e.g. Pricing:ExplorationRate=0.1.");
                }
            }
        });
        var world = new Option<string[]>("--world")
        {
            Description = "The simulated shop: 'kinds' (four kinds, the loop's own), 'spread' (five kinds, spread within each, histories with discounted purchases; built apart to check the loop was not fitted to the first) or 'steep' (drawn to the learning issue's own figures); with several, each runs with every seed in turn.",
            DefaultValueFactory = _ => [OrleansPricing.Benchmarks.Shop.ShopWorldShape.FourKinds.Name],
            AllowMultipleArgumentsPerToken = true,
        };
        world.AcceptOnlyFromAmong([.. OrleansPricing.Benchmarks.Shop.ShopWorldShape.All.Select(w => w.Name)]);
        var judge = new Option<bool>("--judge") { Description = "After the last round, judge each candidate kind trained on the earlier decisions by the true response on the last round's." };
        var storefront = new Option<string[]>("--storefront-events")
        {
            Description = "The storefront also reports what the customers do around the quotes, as a shop's integration would: 'view', a view of each SKU it asks a price for; 'cart', a cart add of each line before the order (both: --storefront-events view cart).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        storefront.AcceptOnlyFromAmong([.. OrleansPricing.Benchmarks.Shop.ShopSimulation.StorefrontEventTypes]);
        var arrivals = new Option<string>("--arrivals")
        {
            Description = "Who asks for each quote: 'uniform', any customer alike; 'browsing', customers in proportion to how often their kind views products, as a shop whose product pages ask the prices sees them.",
            DefaultValueFactory = _ => "uniform",
        };
        arrivals.AcceptOnlyFromAmong("uniform", "browsing");
        var pace = new Option<string>("--pace")
        {
            Description = "How much business time passes between quotes: 'rapid', 100 ms (four rounds in minutes, while the counters decay over weeks); 'browsing', as long as the whole shop takes to view as many products as the quote prices, at the kinds' view rates (9–10 days a round of 3,000 quotes to 2,000 customers), so a storefront that reports the priced pages as views reports them at the rate the customers' histories browse.",
            DefaultValueFactory = _ => "rapid",
        };
        pace.AcceptOnlyFromAmong("rapid", "browsing");
        var results = new Option<string>("--results")
        {
            Description = "A CSV file for every round's figures, rewritten as each seed ends: two such files compare builds seed by seed (shop-compare).",
        };
        var kindResults = new Option<string>("--kind-results")
        {
            Description = "A CSV file for every round's figures kind by kind (points against the policy reading the histories, spend and discount against the oracle's), rewritten as each seed ends: shop-kinds sums it over the seeds.",
        };
        foreach (var file in new[] { results, kindResults })
        {
            // Refused before the first seed runs, not when its figures are written minutes later.
            file.Validators.Add(result =>
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(result.GetValueOrDefault<string>() ?? "."));
                if (folder is not null && !Directory.Exists(folder))
                {
                    result.AddError($"{file.Name}: the folder {folder} does not exist.");
                }
            });
        }

        foreach (var option in new Option[] { rounds, quotes, customers, seed, noLearning, layers, overrides, world, judge, storefront, arrivals, pace, results, kindResults })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("shop", TimeSpan.Zero, 1, 3, parse.GetValue(customers), "auto", Seeds: parse.GetValue(seed),
                Rounds: parse.GetValue(rounds), Quotes: parse.GetValue(quotes), Learn: !parse.GetValue(noLearning), NetworkLayers: Given(parse.GetValue(layers)),
                Settings: parse.GetValue(overrides) ?? [], Judge: parse.GetValue(judge), Worlds: parse.GetValue(world), Results: parse.GetValue(results), KindResults: parse.GetValue(kindResults),
                StorefrontEvents: parse.GetValue(storefront), ArrivalsByBrowsing: parse.GetValue(arrivals) == "browsing",
                PacedByBrowsing: parse.GetValue(pace) == "browsing"),
            cancellation));
        return command;
    }

    private static Command ShopCompare()
    {
        var command = new Command("shop-compare", "Two 'shop --results' files compared seed by seed, world by world: the paired difference of the last round, its 95% interval, and the seeds that moved each way.");
        var before = new Argument<FileInfo>("before") { Description = "The results of the build or settings compared against." };
        var after = new Argument<FileInfo>("after") { Description = "The results of the change." };
        before.AcceptExistingOnly();
        after.AcceptExistingOnly();
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.SetAction(parse => OrleansPricing.Benchmarks.Shop.ShopComparison.Run(parse.GetValue(before)!.FullName, parse.GetValue(after)!.FullName, Console.Out, Console.Error));
        return command;
    }

    private static Command ShopSummaryCommand()
    {
        var command = new Command("shop-summary", "A 'shop --results' file world by world and round by round over its seeds: mean, least and most, seeds at 80%, spend against the oracle's; with --plot, a PNG of each world's capture by round.");
        var results = new Argument<FileInfo>("results") { Description = "The file 'shop --results' wrote (docs/shop-results.csv holds the kept code's runs)." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Where to write the PNG." };
        results.AcceptExistingOnly();
        command.Arguments.Add(results);
        command.Options.Add(plot);
        command.SetAction(parse => OrleansPricing.Benchmarks.Shop.ShopSummary.Run(parse.GetValue(results)!.FullName, parse.GetValue(plot)?.FullName, Console.Out, Console.Error));
        return command;
    }

    private static Command ShopKindsCommand()
    {
        var command = new Command("shop-kinds", "A 'shop --kind-results' file world by world over its seeds, kind by kind: points of the lift against the policy reading the histories, spend and discount against the oracle's on the same lines, the kinds with no lift summed.");
        var results = new Argument<FileInfo>("kind-results") { Description = "The file 'shop --kind-results' wrote." };
        var round = new Option<int?>("--round") { Description = "The round (default: each world's last)." };
        results.AcceptExistingOnly();
        command.Arguments.Add(results);
        command.Options.Add(round);
        command.SetAction(parse => OrleansPricing.Benchmarks.Shop.ShopKindSummary.Run(parse.GetValue(results)!.FullName, parse.GetValue(round), Console.Out, Console.Error));
        return command;
    }

    private static Command JudgeLog()
    {
        var command = new Command("judge-log", "A decision log that a simulator outside the project wrote through the HTTP API, judged by the truth it wrote beside it: the candidates trained on the rounds before one, scored on that round's quotes.");
        var log = new Option<DirectoryInfo>("--log") { Description = "The service's decision log folder (Learning:LogFolder) after the simulator's run.", Required = true };
        var truth = new Option<FileInfo>("--truth") { Description = "CSV: round,quote_id,group, then the true expected profit at each discount level, one column a level named by it (e.g. 0,0.05,0.1).", Required = true };
        var round = new Option<int?>("--round") { Description = "The round judged (default: the truth's last); the candidates learn from the rounds before it." };
        var ttl = new Option<TimeSpan>("--quote-ttl") { Description = "The service's Pricing:QuoteTimeToLive during the run.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        log.AcceptExistingOnly();
        truth.AcceptExistingOnly();
        foreach (var option in new Option[] { log, truth, round, ttl })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => OrleansPricing.Benchmarks.Shop.LogJudge.Run(
            parse.GetValue(log)!.FullName, parse.GetValue(truth)!.FullName, parse.GetValue(round), parse.GetValue(ttl), Console.Out, Console.Error));
        return command;
    }

    private static Command Learning(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("learning", "How long one training run takes on a large decision log (read, label, train the candidates, judge, refit).");
        var decisions = Positive("--decisions", 100_000, "Logged decisions.");
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 7 };
        var layers = NetworkLayers();
        command.Options.Add(decisions);
        command.Options.Add(seed);
        command.Options.Add(layers);
        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("learning", TimeSpan.Zero, 1, 3, 0, "auto", Seed: parse.GetValue(seed), Quotes: parse.GetValue(decisions),
                NetworkLayers: Given(parse.GetValue(layers))), cancellation));
        return command;
    }

    private static Command DecisionLogRead(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("decision-log-read", "What a learning run pays to read a folder that has logged for days: one file, the hourly files of the window, the newest hours a run learns from.");
        var days = Positive("--days", 8, "Days logged.");
        var perHour = Positive("--per-hour", 2_000, "Decisions logged an hour.");
        var window = Positive("--window-hours", 14 * 24, "Hours a run reads (Learning:Window; 14 days, as docs/decision-log.md measured it; the service's default is 60).");
        command.Options.Add(days);
        command.Options.Add(perHour);
        command.Options.Add(window);
        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("decision-log-read", TimeSpan.Zero, 1, 3, 0, "auto", Days: parse.GetValue(days), ArrivalsPerHour: parse.GetValue(perHour),
                WindowHours: parse.GetValue(window)), cancellation));
        return command;
    }

    private static Command Lease(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var command = new Command("lease", "A campaign lease filling with reservations: the longest one (every quote of the silo waits on it) and the memory held, slots against one map.");
        var reservations = Positive("--reservations", 2_000_000, "Reservations made (a silo at 5,000 quotes/s holds 13,500 a second of quote lifetime).");
        var perSecond = Positive("--per-second", 13_500, "Reservations a second of expiry: how far apart their expiries lie.");
        command.Options.Add(reservations);
        command.Options.Add(perSecond);
        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings("lease", TimeSpan.Zero, 1, 3, 0, "auto", Quotes: parse.GetValue(reservations), Rate: parse.GetValue(perSecond)), cancellation));
        return command;
    }

    private static void AddQuoteOptions(
        Command command, string mode, Func<BenchmarkSettings, CancellationToken, Task<int>> run, Func<ParseResult, string>? storage = null,
        Func<ParseResult, bool>? campaign = null, Func<ParseResult, string>? httpLoad = null, Func<ParseResult, int?>? rate = null)
    {
        var seconds = Positive("--seconds", 10, "Seconds per phase.");
        var concurrency = Positive("--concurrency", 32, "Concurrent callers.");
        var skus = Positive("--skus", 3, "SKUs priced by each quote.");
        var customers = Positive("--customers", 2000, "Distinct customers the callers quote for.");
        var warmup = Positive("--warmup", 10, "Seconds of load before each measured phase (JIT tiers, connection pools, activations).");
        var history = Positive("--history", 5, "Events each customer's history holds before the run (its state grows with them: the event ids the duplicate filter keeps).");
        foreach (var option in new Option[] { seconds, concurrency, skus, customers, warmup, history })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) => run(
            new BenchmarkSettings(mode, TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(concurrency), parse.GetValue(skus),
                parse.GetValue(customers), "auto", Storage: storage?.Invoke(parse) ?? "memory", WarmupSeconds: parse.GetValue(warmup),
                Campaign: campaign?.Invoke(parse) ?? false, HttpLoad: httpLoad?.Invoke(parse) ?? "in-process", HistoryEvents: parse.GetValue(history),
                Rate: rate?.Invoke(parse)),
            cancellation));
    }

    /// <summary>Null when not given, so the service's default applies (System.CommandLine gives an absent list as empty).</summary>
    private static int[]? Given(int[]? widths) => widths is { Length: > 0 } ? widths : null;

    /// <summary>The execution provider the scoring commands load their sessions on.</summary>
    private static Option<string> Provider(string defaultValue)
    {
        var option = new Option<string>("--provider") { Description = "Execution provider: auto (CUDA if it loads, for models of Scoring:CudaMinWeights weights or more), cuda or cpu.", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong("auto", "cuda", "cpu");
        return option;
    }

    /// <summary>The learning service's <c>Learning:NetworkLayers</c>, e.g. <c>--network-layers 512,512</c>.</summary>
    private static Option<int[]?> NetworkLayers()
    {
        var option = new Option<int[]?>("--network-layers")
        {
            Description = "Hidden layer widths of the response network candidate, comma-separated (default: the service's).",
            CustomParser = result => result.Tokens
                .SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(text => int.TryParse(text, out var width) && width > 0 ? width : -1).ToArray(),
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int[]?>() is { } widths && (widths.Length == 0 || widths.Any(width => width < 1)))
            {
                result.AddError("--network-layers must list positive whole numbers, e.g. 512,512.");
            }
        });
        return option;
    }

    private static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{name} must be a positive whole number.");
            }
        });
        return option;
    }

    private static void NotNegative(Option<int?> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError($"{option.Name} must not be negative.");
            }
        });
}
