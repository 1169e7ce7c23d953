using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Scoring.Tests;

public sealed class MicroBatcherTests : IDisposable
{
    /// <summary>The meters a host would give the pool, from the same default factory.</summary>
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _meters.Dispose();

    private static float[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * FeatureDefinition.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)random.NextDouble();
        }

        return rows;
    }

    private (ActiveModel Model, ScoringMetrics Metrics) Serving(byte[] model)
    {
        var active = new ActiveModel();
        active.Activate(OnnxScorer.Load(model, "2.0.0", Models.Cpu()));
        return (active, new ScoringMetrics(() => active.Provider?.Provider, _meters.GetRequiredService<IMeterFactory>()));
    }

    [Fact]
    public async Task Each_caller_gets_its_own_rows_back_in_order()
    {
        var (model, metrics) = Serving(Models.LightGbm);
        using var reference = OnnxScorer.Load(Models.LightGbm, "reference", Models.Cpu());
        await using var batcher = new MicroBatcher(model, Models.Cpu(o => o.MaxQueueDelay = TimeSpan.FromMilliseconds(20)),
            TimeProvider.System, metrics, NullLogger.Instance);
        var requests = Enumerable.Range(0, 64).Select(i => Rows(1 + i % 9, seed: i)).ToList();

        var results = await Task.WhenAll(requests.Select(rows => batcher.ScoreAsync(rows, TimeSpan.FromSeconds(30))));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(reference.Score(requests[i], requests[i].Length / FeatureDefinition.Count), results[i]);
        }

        Assert.Equal(64, metrics.Requests);
        Assert.True(metrics.Batches < 64, $"64 concurrent requests ran in {metrics.Batches} batches; expected batching");
    }

    [Fact]
    public async Task Batches_never_exceed_the_row_limit()
    {
        var (model, metrics) = Serving(Models.LightGbm);
        await using var batcher = new MicroBatcher(model, Models.Cpu(o => o.MaxBatchRows = 10), TimeProvider.System, metrics, NullLogger.Instance, startLoop: false);
        var pending = Enumerable.Range(0, 6).Select(i => batcher.ScoreAsync(Rows(4, i), TimeSpan.FromSeconds(30))).ToList();

        batcher.Start();
        await Task.WhenAll(pending);

        // 6 requests of 4 rows with at most 10 rows per call: 2 + 2 + 2 requests, three calls.
        Assert.Equal(3, metrics.Batches);
        Assert.Equal(24, metrics.Rows);
    }

    [Fact]
    public async Task Full_queue_refuses_at_once()
    {
        var (model, metrics) = Serving(Models.LightGbm);
        await using var batcher = new MicroBatcher(model, Models.Cpu(o => o.MaxQueuedRequests = 2), TimeProvider.System, metrics, NullLogger.Instance, startLoop: false);
        var first = batcher.ScoreAsync(Rows(1, 1), TimeSpan.FromSeconds(30));
        var second = batcher.ScoreAsync(Rows(1, 2), TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ScoringOverloadedException>(() => batcher.ScoreAsync(Rows(1, 3), TimeSpan.FromSeconds(30)));

        Assert.Contains("queue is full", error.Message);
        Assert.Equal(1, metrics.Shed);
        batcher.Start();
        Assert.Single(await first);
        Assert.Single(await second);
    }

    [Fact]
    public async Task Request_fails_at_its_deadline_not_later()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (model, metrics) = Serving(Models.LightGbm);
        await using var batcher = new MicroBatcher(model, Models.Cpu(o =>
        {
            o.MaxQueueDelay = TimeSpan.FromSeconds(1);
            o.MaxBatchRows = 3;
        }), time, metrics, NullLogger.Instance, startLoop: false);
        var request = batcher.ScoreAsync(Rows(2, 1), TimeSpan.FromMilliseconds(250));

        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(request.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<ScoringDeadlineExceededException>(() => request);
        Assert.Equal(1, metrics.DeadlineExceeded);
        // The loop then skips the expired request; a new one fills the 3-row batch and is served without waiting.
        batcher.Start();
        var later = await batcher.ScoreAsync(Rows(1, 2), TimeSpan.FromSeconds(30));
        Assert.Single(later);
        Assert.Equal(1, metrics.Requests);
    }

    [Fact]
    public async Task Hot_swap_under_load_fails_no_request()
    {
        var bytes = Models.LightGbm;
        var (model, metrics) = Serving(bytes);
        await using var batcher = new MicroBatcher(model, Models.Cpu(), TimeProvider.System, metrics, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var served = 0;
        var callers = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var rows = Rows(21, worker);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = await batcher.ScoreAsync(rows, TimeSpan.FromSeconds(30));
                    Assert.Equal(21, result.Length);
                    Interlocked.Increment(ref served);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        try
        {
            // Bounded, and without spinning a core the callers need (as the cluster's hot-swap test).
            var waited = System.Diagnostics.Stopwatch.StartNew();
            for (var swap = 0; swap < 10; swap++)
            {
                while (Volatile.Read(ref served) < (swap + 1) * 50)
                {
                    Assert.Equal(0, Volatile.Read(ref failures));
                    Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"{Volatile.Read(ref served)} requests served of {(swap + 1) * 50} in 2 minutes");
                    await Task.Delay(TimeSpan.FromMilliseconds(1));
                }

                model.Activate(OnnxScorer.Load(bytes, $"2.0.{swap + 1}", Models.Cpu()));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(callers);
        }

        Assert.Equal(0, failures);
        Assert.Equal("2.0.10", model.ActiveVersion);
        Assert.True(served >= 500);
    }

    [Fact]
    public async Task Shadow_model_scores_alongside_and_is_only_logged()
    {
        var (model, metrics) = Serving(Models.LightGbm);
        model.SetShadow(OnnxScorer.Load(Models.LightGbm, "candidate", Models.Cpu()));
        await using var batcher = new MicroBatcher(model, Models.Cpu(), TimeProvider.System, metrics, NullLogger.Instance);

        await batcher.ScoreAsync(Rows(5, 1), TimeSpan.FromSeconds(30));
        // The caller has its answer before the shadow comparison is logged; wait for the batch to finish.
        await batcher.DrainAsync();

        var comparison = Assert.Single(batcher.ShadowLog);
        Assert.Equal("candidate", comparison.ShadowVersion);
        Assert.Equal(5, comparison.Rows);
        Assert.Equal(0, comparison.MaxAbsoluteDifference);
    }

    [Fact]
    public async Task A_caller_that_asks_gets_the_shadow_scores_of_its_own_rows_from_the_batch()
    {
        // A shadow that differs from the active model: the logistic prior against the LightGBM model.
        var (model, metrics) = Serving(Models.LightGbm);
        var prior = LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));
        using var alone = OnnxScorer.Load(LogisticOnnx.Export(prior), "prior", Models.Cpu());
        model.SetShadow(OnnxScorer.Load(LogisticOnnx.Export(prior), "prior", Models.Cpu()));
        await using var batcher = new MicroBatcher(model, Models.Cpu(), TimeProvider.System, metrics, NullLogger.Instance);
        var (first, second) = (Rows(3, 1), Rows(4, 2));

        // A deadline far past the first (cold) batch on a loaded machine: this test is about which scores come back, not when.
        var scored = await Task.WhenAll(
            batcher.ScoreAsync(first, withShadow: false, TimeSpan.FromSeconds(30)), batcher.ScoreAsync(second, withShadow: true, TimeSpan.FromSeconds(30)));

        Assert.Equal((null, null), (scored[0].ShadowVersion, scored[0].Shadow));
        Assert.Equal("prior", scored[1].ShadowVersion);
        Assert.Equal(alone.Score(second, 4), scored[1].Shadow);
        Assert.NotEqual(scored[1].Active, scored[1].Shadow);
    }
}
