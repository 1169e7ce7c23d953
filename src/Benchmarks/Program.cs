using OrleansPricing.Benchmarks;

// Benchmark commands (figures, not tests); every command lists its options with --help:
//   dotnet run -c Release --project src/Benchmarks -- [quotes] [--seconds 10] [--concurrency 32] [--skus 3] [--customers 2000] [--storage memory|azurite|CONNECTION]
//   dotnet run -c Release --project src/Benchmarks -- scoring [--seconds 10] [--provider auto|cuda|cpu] [--warmup 10]
//   dotnet run -c Release --project src/Benchmarks -- scoring-sharing [--seconds 1] [--provider cpu|auto|cuda]
//   dotnet run -c Release --project src/Benchmarks -- campaign [--days 7] [--arrivals-per-hour 200] [--customers 2000] [--seed 7] [--seconds 10]
//   dotnet run -c Release --project src/Benchmarks -- shop [--world kinds|spread|steep …] [--rounds 4] [--quotes 3000] [--customers 2000] [--seed 7 [11 23 …]] [--no-learning] [--results FILE] [--kind-results FILE]
//   dotnet run -c Release --project src/Benchmarks -- shop-compare BEFORE.csv AFTER.csv
//   dotnet run -c Release --project src/Benchmarks -- shop-summary RESULTS.csv [--plot FILE.png]
//   dotnet run -c Release --project src/Benchmarks -- shop-kinds KIND-RESULTS.csv [--round 4]
//   dotnet run -c Release --project src/Benchmarks -- learning [--decisions 100000] [--seed 7]
//   dotnet run -c Release --project src/Benchmarks -- lease [--reservations 2000000] [--per-second 13500]
//   dotnet run -c Release --project src/Benchmarks -- decision-log-read [--days 8] [--per-hour 2000] [--window-hours 336]
return await BenchmarkCommandLine.Build(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken cancellation)
{
    Console.WriteLine($"OrleansPricing {settings.Mode} benchmark: {Environment.ProcessorCount} cores, {settings}");
    switch (settings.Mode)
    {
        case "campaign":
            return await CampaignSimulation.RunAsync(settings);
        case "learning":
            return LearningBenchmark.Run(settings);
        case "lease":
            return LeaseBenchmark.Run(settings);
        case "decision-log-read":
            return await DecisionLogReadBenchmark.RunAsync(settings);
        case "shop":
            return await OrleansPricing.Benchmarks.Shop.ShopSimulation.RunAsync(settings);
        case "scoring-sharing":
            return SessionSharingBenchmark.Run(settings);
        case "scoring":
            await ScoringBenchmark.RunAsync(settings);
            return 0;
        default:
            using (var azurite = settings.Storage == "azurite" ? await AzuriteProcess.StartAsync() : null)
            await using (var cluster = await EmbeddedCluster.StartAsync(
                "logistic", storage: azurite?.ConnectionString ?? (settings.Storage == "memory" ? null : settings.Storage)))
            {
                var (direct, viaHttp) = await QuoteBenchmark.RunAsync(cluster, settings, "logistic", azurite is null ? null : azurite.ProcessorTime);
                QuoteBenchmark.PrintTable([("grain calls (baseline)", direct), ("HTTP gateway", viaHttp)]);
            }

            return 0;
    }
}
