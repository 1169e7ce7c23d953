using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>The learning service when the silo running a training run dies: serving is untouched and the next run succeeds.</summary>
[Trait("Requires", "Azurite")]
public sealed class LearningResilienceTests : IAsyncLifetime
{
    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_of_a_running_training_run_leaves_serving_untouched_and_the_next_run_succeeds()
    {
        // Each run reads all 40,000 decisions but trains on the newest 10,000: what is tested is the kill and the next run,
        // and the ensemble's six networks on 30,000 training decisions outlast the test's wait in a Debug build on 2 cores.
        _cluster.ExtraSettings["Learning:MaxDecisions"] = "10000";
        await _cluster.StartSiloAsync();
        await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();

        // A log large enough that a run takes seconds: simulated decisions, a day old, outcomes from the served prior.
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var log = DecisionLogSimulator.Simulate(truth, 40_000, exploration: 0.3, seed: 3, new PricingOptions().DiscountGrid,
            DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromMilliseconds(100));
        // Into the cluster's blob container, where its silos keep the log (the account has a blob endpoint).
        await _cluster.SeedDecisionLogAsync(log);

        var before = await http.GetJsonAsync("/api/v1/admin/models");
        var started = await (await http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted);
        var interrupted = (string)started["runId"]!;
        Assert.Equal("running", (string)(await http.GetJsonAsync($"/api/v1/admin/learning/runs/{interrupted}"))["status"]!);
        // While it runs its reason says how far it has got, also in the list: it is killed once it is training.
        await TrainingAsync(http, interrupted);
        Assert.Matches("^(Training the candidates on 7500 decisions|Trained [1-5] of the ensemble's 5 parts|Judg)", (string)(await http.GetJsonAsync("/api/v1/admin/learning"))["runs"]!.AsArray()
            .Single(run => (string)run!["runId"]! == interrupted)!["reason"]!);

        // Kill the silo that hosts the learning grain, mid-run (no graceful shutdown); a fresh silo joins so two remain.
        var host = await HostOfLearningGrainAsync();
        await _cluster.KillSiloAsync(host);
        await _cluster.StartSiloAsync();

        var afterStop = await http.GetJsonAsync("/api/v1/admin/models");
        Assert.Equal((string?)before["active"], (string?)afterStop["active"]);
        Assert.Equal((string?)before["shadow"], (string?)afterStop["shadow"]);
        var run = await http.GetJsonAsync($"/api/v1/admin/learning/runs/{interrupted}");
        Assert.Equal("failed", (string)run["status"]!);
        Assert.Contains("Interrupted", (string)run["reason"]!, StringComparison.Ordinal);

        var next = (string)(await (await http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted))["runId"]!;
        var completed = await http.WaitForLearningRunAsync(next);
        Assert.Equal("completed", (string)completed["status"]!);
        Assert.Equal(40_000, (int)completed["decisionsRead"]!);
        // The run judged a blanket coupon at every level of the grid above list price beside its models.
        Assert.Equal(new PricingOptions().DiscountGrid.Where(d => d > 0), completed["blanketCoupons"]!.AsArray().Select(c => (double)c!["discount"]!));
    }

    [Fact]
    public async Task A_run_cancelled_on_request_stops_with_serving_untouched_and_the_next_run_completes()
    {
        _cluster.ExtraSettings["Learning:MaxDecisions"] = "10000";
        var silo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        await _cluster.SeedDecisionLogAsync(DecisionLogSimulator.Simulate(truth, 12_000, exploration: 0.3, seed: 4, new PricingOptions().DiscountGrid,
            DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromSeconds(1)));
        var before = await http.GetJsonAsync("/api/v1/admin/models");

        var runId = (string)(await (await http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted))["runId"]!;
        await TrainingAsync(http, runId);
        var cancelling = await (await http.PostAsync($"/api/v1/admin/learning/runs/{runId}/cancel", null)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(("running", true), ((string)cancelling["status"]!, ((string)cancelling["reason"]!).StartsWith("Cancelling: the run stops at its next check. Train", StringComparison.Ordinal)));
        // Its steps so far, each timed from its start: read the log, then training.
        var soFar = Steps(cancelling);
        Assert.Equal("Reading the decision log.", soFar[0].Step);
        Assert.StartsWith("Train", soFar[^1].Step, StringComparison.Ordinal);

        var cancelled = await http.WaitForLearningRunAsync(runId);
        Assert.Equal("cancelled", (string)cancelled["status"]!);
        Assert.Matches("^Cancelled on request at: .+ Serving is unchanged\\.$", (string)cancelled["reason"]!);
        // The record keeps them, in time order, ending with how it ended.
        var steps = Steps(cancelled);
        Assert.Equal([.. soFar.Select(s => s.Step)], steps.Take(soFar.Count).Select(s => s.Step));
        Assert.Equal("Cancelled.", steps[^1].Step);
        Assert.Equal(steps.Select(s => s.At).Order(), steps.Select(s => s.At));
        Assert.False((bool)cancelled["promoted"]!);
        var after = await http.GetJsonAsync("/api/v1/admin/models");
        Assert.Equal(((string?)before["active"], (string?)before["shadow"], before["versions"]!.AsArray().Count),
            ((string?)after["active"], (string?)after["shadow"], after["versions"]!.AsArray().Count));

        // Operators see it in the silo's metrics: this cancelled run and its wall time.
        using var siloHttp = _cluster.SiloHttp(silo);
        var cancelledLabel = ("outcome", "cancelled");
        var scrape = await Prometheus.ScrapeAsync(siloHttp, text => Prometheus.Sum(text, "pricing_learning_run_duration_seconds_count", cancelledLabel) >= 1);
        Assert.Equal((1, 1), (Prometheus.Sum(scrape, "pricing_learning_runs_total", cancelledLabel), Prometheus.Sum(scrape, "pricing_learning_run_duration_seconds_count", cancelledLabel)));

        // Only a running run can be cancelled; an unknown one is not found.
        var refused = await (await http.PostAsync($"/api/v1/admin/learning/runs/{runId}/cancel", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal($"Run {runId} is cancelled: only a running run can be cancelled.", (string)refused["detail"]!);
        await (await http.PostAsync("/api/v1/admin/learning/runs/run-9999/cancel", null)).ExpectAsync(HttpStatusCode.NotFound);

        var next = (string)(await (await http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted))["runId"]!;
        Assert.NotEqual(runId, next);
        var completed = await http.WaitForLearningRunAsync(next);
        Assert.Equal("completed", (string)completed["status"]!);
        // A completed run's steps: where its time went, from reading the log to how it ended.
        var ran = Steps(completed);
        Assert.Equal("Reading the decision log.", ran[0].Step);
        Assert.Contains(ran, s => s.Step.StartsWith("Training the candidates on 7500 decisions", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 5).Select(k => $"Trained {k} of the ensemble's 5 parts"),
            ran.Where(s => s.Step.StartsWith("Trained ", StringComparison.Ordinal)).Take(5).Select(s => s.Step[..s.Step.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Matches("^Completed: (promoted|the active model kept)\\.$", ran[^1].Step);
        Assert.Equal(ran.Select(s => s.At).Order(), ran.Select(s => s.At));
    }

    private static List<(double At, string Step)> Steps(System.Text.Json.Nodes.JsonNode run) =>
        [.. run["steps"]!.AsArray().Select(s => ((double)s!["atSeconds"]!, (string)s["step"]!))];

    [Fact]
    public async Task A_scheduled_run_is_skipped_until_decisions_are_logged_since_the_last_run()
    {
        // Every 2 s; a single new decision is enough to train.
        _cluster.ExtraSettings["Learning:Interval"] = "00:00:02";
        _cluster.ExtraSettings["Learning:MinNewDecisions"] = "1";
        _cluster.ExtraSettings["Learning:LabelWait"] = "00:00:00";
        var silo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("schedule-sku", inventory: 10));

        // The schedule's first run (no run before it to compare with), then ticks with nothing logged since: skipped,
        // which the learning view shows (polled for at most 90 s: the ticks are real time, on a loaded machine).
        var first = await RunsAsync(http, runs => runs.Count == 1 && (string)runs[0]!["status"]! != "running");
        Assert.Equal(("run-0001", "schedule"), ((string)first[0]!["runId"]!, (string)first[0]!["trigger"]!));
        var learning = await http.GetJsonAsync("/api/v1/admin/learning");
        for (var attempt = 0; attempt < 900 && learning["lastSkipped"] is null; attempt++)
        {
            await Task.Delay(100);
            learning = await http.GetJsonAsync("/api/v1/admin/learning");
        }

        var skipped = learning["lastSkipped"];
        Assert.True(skipped is not null, learning.ToJsonString()[..Math.Min(2000, learning.ToJsonString().Length)]);
        // No decision logged since run-0001, one needed; no run started.
        Assert.Equal((0, 1, "run-0001"), ((int)skipped!["newDecisions"]!, (int)skipped["minNewDecisions"]!, (string)skipped["sinceRunId"]!));
        Assert.Single(learning["runs"]!.AsArray());
        // Operators see it in the silo's metrics too.
        using var siloHttp = _cluster.SiloHttp(silo);
        static double Skipped(string scrape) => Prometheus.Sum(scrape, "pricing_learning_runs_total", ("outcome", "skipped"));
        Assert.True(Skipped(await Prometheus.ScrapeAsync(siloHttp, scrape => Skipped(scrape) >= 1)) >= 1, "no skipped run in the silo's /metrics");

        // A quote logs a decision: the next tick trains.
        await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "schedule-customer", skus = new[] { "schedule-sku" } })).ExpectAsync(HttpStatusCode.OK);
        var second = await RunsAsync(http, runs => runs.Count == 2);
        Assert.Equal(("run-0002", "schedule"), ((string)second[0]!["runId"]!, (string)second[0]!["trigger"]!));
    }

    /// <summary>The runs listed (newest first) once <paramref name="until"/> holds, polled for at most 60 s.</summary>
    private static async Task<System.Text.Json.Nodes.JsonArray> RunsAsync(HttpClient http, Func<System.Text.Json.Nodes.JsonArray, bool> until)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var runs = (await http.GetJsonAsync("/api/v1/admin/learning"))["runs"]!.AsArray();
            if (until(runs))
            {
                return runs;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The learning runs did not get there within 60 s.");
    }

    [Fact]
    public async Task Decisions_and_purchases_outlive_their_silo_in_blob_storage()
    {
        var silo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("blob-log-sku", inventory: 10));
        var quote = (await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "blob-log-customer", skus = new[] { "blob-log-sku" } }))
            .ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!;
        await (await http.PostJsonAsync("/api/v1/orders", new { orderId = "blob-log-order", customerId = "blob-log-customer",
            lines = new[] { new { sku = "blob-log-sku", quantity = 1, quoteToken = (string)quote["token"]! } } })).ExpectAsync(HttpStatusCode.OK);

        // Stopping the silo flushes its log; then read it back as the learning service would, with no silo running.
        await _cluster.StopGatewaysAsync();
        await _cluster.StopSiloAsync(silo);
        var store = new BlobDecisionLogStore(
            new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(_cluster.DecisionLogContainer), TimeProvider.System);
        // Read as of after the quote's lifetime: a decision is labelled, bought or not, once its quote expired.
        var decision = Assert.Single(await store.ReadAsync(DateTimeOffset.UtcNow.AddMinutes(16), TimeSpan.FromMinutes(15), DateTimeOffset.UtcNow.AddDays(-1), int.MaxValue, CancellationToken.None));

        Assert.Equal(((string)quote["quoteId"]!, true), (decision.DecisionId, decision.Purchased));
        Assert.Matches("^[0-9a-f]{64}$", decision.CustomerId); // the customer's pseudonym, never the id itself
    }

    /// <summary>Returns once the run is training (its reason says so), failing if it ended before.</summary>
    private static async Task TrainingAsync(HttpClient http, string runId)
    {
        var run = await http.WaitForLearningRunAsync(runId, run =>
            (string)run["status"]! != "running" || ((string?)run["reason"])?.StartsWith("Train", StringComparison.Ordinal) == true);
        Assert.Equal("running", (string)run["status"]!);
    }

    /// <summary>The silo whose grain directory places the learning grain's activation.</summary>
    private async Task<IHost> HostOfLearningGrainAsync()
    {
        var management = _cluster.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var address = statistics.Single(s => s.GrainId.ToString().StartsWith("learning/", StringComparison.Ordinal)).SiloAddress;
        return _cluster.Silos.Single(silo => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(address));
    }
}
