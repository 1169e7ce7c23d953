using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OrleansPricing.Benchmarks;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Silo.Hosting;

// Quote throughput and latency with the logistic model: first straight to the customer grains (the baseline: the cluster
// without HTTP), then through the HTTP gateway on loopback Kestrel, both in this run on an embedded single silo.
//   dotnet run -c Release --project src/Benchmarks -- [--seconds 10] [--concurrency 32] [--skus 3] [--customers 2000]
var settings = BenchmarkSettings.Parse(args);
var builder = WebApplication.CreateBuilder();
builder.Configuration["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
builder.Configuration["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
builder.Services.AddPricingGateway();
var app = builder.Build();
app.UsePricingGateway();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
var grains = app.Services.GetRequiredService<IGrainFactory>();

Console.WriteLine($"OrleansPricing quote benchmark: {Environment.ProcessorCount} cores, {settings}");
var random = new Random(42);
var skus = Enumerable.Range(0, 200).Select(i => $"BENCH-{i:D3}").ToArray();
await Task.WhenAll(skus.Select((sku, i) =>
{
    var listPrice = Math.Round(5m + (decimal)random.NextDouble() * 195m, 2);
    return grains.GetGrain<IProductGrain>(sku).UpsertAsync(new ProductDefinition(
        sku, $"category-{i % 12}", listPrice, Math.Round(listPrice * 0.45m, 2), Math.Round(listPrice * 0.7m, 2), 0.3, 1_000_000));
}));
var now = DateTimeOffset.UtcNow;
await Parallel.ForEachAsync(Enumerable.Range(0, settings.Customers), async (c, _) =>
{
    var events = Enumerable.Range(0, 5).Select(e => new CustomerEventInput(
        $"bench-{c}-{e}", (CustomerEventType)(e % 3), skus[(c * 7 + e) % skus.Length], 1, e % 3 == 2 ? 30m : 0m, now.AddHours(-e * 11))).ToList();
    await grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").RecordEventsAsync(events);
});
Console.WriteLine($"Seeded {skus.Length} products and {settings.Customers} customers with 5 events each.");

QuoteRequest NextRequest(Random r) =>
    new(Enumerable.Range(0, settings.SkusPerQuote).Select(_ => skus[r.Next(skus.Length)]).Distinct().ToList(), "web");

// Warm-up: every customer quoted once, so activations and first state loads are not measured.
await Parallel.ForEachAsync(Enumerable.Range(0, settings.Customers), async (c, _) =>
    await grains.GetGrain<ICustomerGrain>($"bench-customer-{c}").QuoteAsync(NextRequest(new Random(c))));
await RunAsync("warm-up (direct)", TimeSpan.FromSeconds(2), async r =>
    await grains.GetGrain<ICustomerGrain>($"bench-customer-{r.Next(settings.Customers)}").QuoteAsync(NextRequest(r)));
var direct = await RunAsync("grain calls (baseline)", settings.Duration, async r =>
    await grains.GetGrain<ICustomerGrain>($"bench-customer-{r.Next(settings.Customers)}").QuoteAsync(NextRequest(r)));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency }) { BaseAddress = new Uri(address) };
async Task HttpQuote(Random r)
{
    var request = NextRequest(r);
    using var response = await http.PostAsJsonAsync("/api/v1/quotes", new { customerId = $"bench-customer-{r.Next(settings.Customers)}", skus = request.Skus, channel = "web" });
    response.EnsureSuccessStatusCode();
}

await RunAsync("warm-up (HTTP)", TimeSpan.FromSeconds(2), HttpQuote);
var viaHttp = await RunAsync("HTTP gateway", settings.Duration, HttpQuote);

Console.WriteLine();
Console.WriteLine($"| path | quotes/s | p50 ms | p90 ms | p99 ms | failed |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
foreach (var (name, summary) in new[] { ("grain calls (baseline)", direct), ("HTTP gateway", viaHttp) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {summary.PerSecond:F0} | {summary.P50Ms:F2} | {summary.P90Ms:F2} | {summary.P99Ms:F2} | {summary.Failures} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"HTTP gateway throughput = {viaHttp.PerSecond / direct.PerSecond:P0} of direct grain calls; each quote prices {settings.SkusPerQuote} SKUs x 7 discount levels with the logistic model."));
await app.StopAsync();

async Task<LatencySummary> RunAsync(string name, TimeSpan duration, Func<Random, Task> quote)
{
    var recorder = new LatencyRecorder();
    var stopwatch = Stopwatch.StartNew();
    using var progress = new Timer(_ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name}: {stopwatch.Elapsed.TotalSeconds,5:F1} s, {recorder.Count} quotes")), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async worker =>
    {
        var random = new Random(1000 + worker);
        while (stopwatch.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await quote(random);
                recorder.Record(start);
            }
            catch (Exception exception) when (exception is HttpRequestException or OrleansException or TimeoutException)
            {
                recorder.Fail();
            }
        }
    }));
    var summary = recorder.Summarize(stopwatch.Elapsed);
    Console.WriteLine($"{name,-24} {summary}");
    return summary;
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
