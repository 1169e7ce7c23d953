using OrleansPricing.Benchmarks;

// Benchmark commands (figures, not tests):
//   dotnet run -c Release --project src/Benchmarks -- [quotes] [--seconds 10] [--concurrency 32] [--skus 3] [--customers 2000]
//   dotnet run -c Release --project src/Benchmarks -- scoring [--seconds 10] [--provider auto|cuda|cpu]
//   dotnet run -c Release --project src/Benchmarks -- campaign [--days 7] [--arrivals-per-hour 200] [--customers 2000] [--seed 7] [--seconds 10]
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}

Console.WriteLine($"OrleansPricing {settings.Mode} benchmark: {Environment.ProcessorCount} cores, {settings}");
if (settings.Mode == "campaign")
{
    return await CampaignSimulation.RunAsync(settings);
}

if (settings.Mode == "scoring")
{
    await ScoringBenchmark.RunAsync(settings);
    return 0;
}

await using var cluster = await EmbeddedCluster.StartAsync("logistic");
var (direct, viaHttp) = await QuoteBenchmark.RunAsync(cluster, settings, "logistic");
QuoteBenchmark.PrintTable([("grain calls (baseline)", direct), ("HTTP gateway", viaHttp)]);
return 0;
