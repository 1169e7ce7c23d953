using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using Xunit.Abstractions;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// The decision log's loss window on a real crash: a silo as a process of its own, logging to blob storage on Azurite,
/// killed with SIGKILL under quote load. What it had not appended is lost — the rows of its last flush interval and the
/// append in flight (docs/decision-log.md, "Loss window") — and nothing older.
/// </summary>
[Trait("Requires", "Azurite")]
[Collection(RecoveryTimingCollection.Name)]
public sealed class DecisionLogCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(10);
    private const int Workers = 8;

    /// <summary>
    /// How long before the kill a quote's decision may have been answered and still be lost: the writer's flush interval
    /// (100 ms by default) and an append to Azurite, with room for a silo starved on two cores (the losses measured were
    /// answered within 74 ms of the kill). A writer that kept its rows until the silo stops, or an interval longer than
    /// the load, loses quotes older than this; a shorter one may not, as it depends where the kill falls in it.
    /// </summary>
    private static readonly TimeSpan LossWindowBound = TimeSpan.FromSeconds(3);

    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_under_quote_load_loses_only_the_decisions_it_had_not_yet_appended()
    {
        var silo = await _cluster.StartSiloProcessAsync();
        var http = await _cluster.StartGatewayAsync();
        var skus = Enumerable.Range(0, 4).Select(i => $"crash-log-sku-{i}").ToArray();
        await http.PutProductsAsync([.. skus.Select(sku => Api.Product(sku, inventory: 1_000))]);

        // Each answered quote and when its answer came, on one clock with the kill.
        var answered = new ConcurrentDictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        var killed = false;
        async Task WorkerAsync(int worker)
        {
            var random = new Random(worker);
            for (var n = 0; !Volatile.Read(ref killed); n++)
            {
                try
                {
                    using var response = await http.PostJsonAsync("/api/v1/quotes",
                        new { customerId = $"crash-log-customer-{worker}-{n % 50}", skus = new[] { skus[random.Next(skus.Length)] } });
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var at = clock.Elapsed;
                        answered[(string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["quotes"]![0]!["quoteId"]!] = at;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // a quote in flight at the kill
                }
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, Workers).Select(WorkerAsync));
        await Task.Delay(KillAfter);
        var killAt = clock.Elapsed;
        silo.Kill(entireProcessTree: true); // SIGKILL: the writer's queue and its unappended rows go with the process
        Volatile.Write(ref killed, true);
        await load;

        // The log as a learning run reads it, with no silo running.
        var store = new BlobDecisionLogStore(
            new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(_cluster.DecisionLogContainer), TimeProvider.System);
        var logged = (await store.ReadAsync(DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(15), DateTimeOffset.UtcNow.AddHours(-1), int.MaxValue, CancellationToken.None))
            .Select(decision => decision.DecisionId).ToHashSet(StringComparer.Ordinal);
        var before = answered.Where(quote => quote.Value < killAt).ToList();
        var lost = before.Where(quote => !logged.Contains(quote.Key)).ToList();
        output.WriteLine($"{before.Count:N0} quotes answered in {killAt.TotalSeconds:F1} s before the kill, {logged.Count:N0} decisions logged; " +
            $"lost {lost.Count}, answered {(lost.Count == 0 ? "-" : $"{(killAt - lost.Min(quote => quote.Value)).TotalMilliseconds:F0}–{(killAt - lost.Max(quote => quote.Value)).TotalMilliseconds:F0} ms")} before the kill");

        // Enough load that the bound means something: quotes answered well before the window, all of them logged.
        var older = before.Count(quote => quote.Value < killAt - LossWindowBound);
        Assert.True(older >= 100, $"only {older} quotes were answered more than {LossWindowBound.TotalSeconds} s before the kill");
        // Seconds before the kill each lost decision was answered: none older than the bound.
        Assert.DoesNotContain(lost.Select(quote => (killAt - quote.Value).TotalSeconds), age => age > LossWindowBound.TotalSeconds);
    }
}
