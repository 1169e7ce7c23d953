using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Scoring;

namespace OrleansPricing.ClusterTests;

[Collection(ScoringClusterCollection.Name)]
public sealed class ScoringPoolTests(ScoringClusterFixture fixture)
{
    private static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "models", "lightgbm-purchase-3.0.0.onnx");
    private static readonly string CardPath = Path.ChangeExtension(ModelPath, ".card.json");

    private IGrainFactory Grains => fixture.Grains;

    private IModelRegistryGrain Registry => Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    private static ModelUpload Upload(string version) => new(version, File.ReadAllBytes(ModelPath), File.ReadAllText(CardPath));

    [Fact]
    public async Task Every_silo_serves_the_seeded_version_and_quotes_come_from_the_pool()
    {
        var mug = new ProductDefinition("pool-mug", "home", 12.50m, 2.80m, 8m, 0.3, 100);
        await Grains.GetGrain<IProductGrain>(mug.Sku).UpsertAsync(mug);

        var quote = await Grains.GetGrain<ICustomerGrain>("pool-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"));
        var view = await Registry.GetAsync();

        Assert.StartsWith("onnx-response@", quote.Model);
        Assert.Equal(2, view.Silos.Count);
        Assert.All(view.Silos, silo => Assert.Equal(ExecutionProviderChoice.Cpu, silo.Provider));
        Assert.All(view.Silos, silo => Assert.Equal(view.Active, silo.ActiveVersion));
    }

    [Fact]
    public async Task Scoring_grain_returns_each_row_in_order()
    {
        using var reference = OnnxScorer.Load(File.ReadAllBytes(ModelPath), "reference", new ScoringOptions { ExecutionProvider = "cpu" });
        var random = new Random(5);
        var requests = Enumerable.Range(0, 40).Select(i => Enumerable.Range(0, (1 + i % 7) * FeatureDefinition.Count)
            .Select(_ => (float)random.NextDouble()).ToArray()).ToList();

        var results = await Task.WhenAll(requests.Select(rows => Grains.GetGrain<IScoringGrain>(0).ScoreAsync(rows.AsImmutable())));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(reference.Score(requests[i], requests[i].Length / FeatureDefinition.Count), results[i]);
        }
    }

    [Fact]
    public async Task Invalid_models_are_refused_and_serving_stays()
    {
        var before = await Registry.GetAsync();

        var corrupt = await Registry.UploadAsync(new ModelUpload("corrupt", [0x08, 0x01, 0xFF, 0xFF], File.ReadAllText(CardPath)));
        var wrongCard = await Registry.UploadAsync(Upload("wrong-card") with
        {
            CardJson = File.ReadAllText(CardPath).Replace(FeatureDefinition.Version, "pricing-features/v0", StringComparison.Ordinal),
        });
        var missing = await Registry.ActivateAsync("no-such-version");

        Assert.False(corrupt.Ok);
        Assert.Contains("not a loadable ONNX model", corrupt.Error);
        Assert.False(wrongCard.Ok);
        Assert.Contains("pricing-features/v0", wrongCard.Error);
        Assert.False(missing.Ok);
        var after = await Registry.GetAsync();
        Assert.Equal(before.Active, after.Active);
        Assert.Equal(before.Versions.Select(v => v.Version), after.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Hot_swap_and_rollback_under_concurrent_quotes_fail_nothing()
    {
        var mug = new ProductDefinition("swap-mug", "home", 12.50m, 2.80m, 8m, 0.3, 100);
        await Grains.GetGrain<IProductGrain>(mug.Sku).UpsertAsync(mug);
        var original = (await Registry.GetAsync()).Active!;
        Assert.True((await Registry.UploadAsync(Upload("swap-candidate"))).Ok);

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var quotes = 0;
        var load = Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Grains.GetGrain<ICustomerGrain>($"swap-customer-{worker}").QuoteAsync(new QuoteRequest([mug.Sku], "app"));
                    Interlocked.Increment(ref quotes);
                }
                catch (Exception exception)
                {
                    lock (failures)
                    {
                        failures.Add(exception);
                    }
                }
            }
        })).ToList();

        // Bounded, and without spinning a core the quotes need: a quote path that fails or stalls fails the test with what
        // it threw, not the run after the hang timeout (a clean-clone run of 2026-12-05 hung while this test, then
        // spinning on Task.Yield, and another collection's test ran, with the other test projects on both cores).
        async Task WaitForQuotesAsync(int count)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref quotes) < count)
            {
                lock (failures)
                {
                    Assert.True(failures.Count == 0, $"a quote failed: {failures.FirstOrDefault()}");
                }

                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"{Volatile.Read(ref quotes)} quotes of {count} in 2 minutes");
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }
        }

        try
        {
            await WaitForQuotesAsync(100);
            Assert.True((await Registry.ActivateAsync("swap-candidate")).Ok);
            await fixture.SynchronizeAllSilosAsync();
            var swappedAt = Volatile.Read(ref quotes);
            await WaitForQuotesAsync(swappedAt + 100);
            Assert.Equal(original, (await Registry.RollbackAsync()).View.Active);
            await fixture.SynchronizeAllSilosAsync();
            var rolledBackAt = Volatile.Read(ref quotes);
            await WaitForQuotesAsync(rolledBackAt + 100);
        }
        finally
        {
            // The load stops whatever failed, so that it cannot outlive the test into the next one.
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.Empty(failures);
        Assert.All(fixture.SiloServices, services => Assert.Equal(original, services.GetRequiredService<ActiveModel>().ActiveVersion));
    }

    [Fact]
    public async Task Shadow_version_scores_alongside_and_prices_only_quotes_on_trial()
    {
        Assert.True((await Registry.UploadAsync(Upload("shadow-candidate"))).Ok);
        Assert.True((await Registry.SetShadowAsync("shadow-candidate")).Ok);
        await fixture.SynchronizeAllSilosAsync();
        try
        {
            var rows = new float[3 * FeatureDefinition.Count];
            var served = await Grains.GetGrain<IScoringGrain>(0).ScoreAsync(rows.AsImmutable());
            // A quote that may go on trial gets the shadow's scores of the same batch, named by its version.
            var trial = await Grains.GetGrain<IScoringGrain>(0).ScoreWithShadowAsync(rows.AsImmutable());
            Assert.Equal("shadow-candidate", trial.ShadowVersion);
            Assert.Equal(served, trial.ShadowProbabilities);
            Assert.Equal(served, trial.Probabilities);
            foreach (var services in fixture.SiloServices)
            {
                // Callers get their rows before the shadow comparison is logged.
                await services.GetRequiredService<MicroBatcher>().DrainAsync();
            }

            await fixture.SynchronizeAllSilosAsync();

            var view = await Registry.GetAsync();
            Assert.NotEqual("shadow-candidate", view.Active);
            Assert.All(view.Silos, silo => Assert.Equal("shadow-candidate", silo.ShadowVersion));
            Assert.Contains(view.Silos, silo => silo.ShadowMeanAbsoluteDifference == 0);
        }
        finally
        {
            await Registry.SetShadowAsync(null);
            await fixture.SynchronizeAllSilosAsync();
        }

        var alone = await Grains.GetGrain<IScoringGrain>(0).ScoreWithShadowAsync(new float[FeatureDefinition.Count].AsImmutable());
        Assert.Equal((1, null, null), (alone.Probabilities.Length, alone.ShadowVersion, alone.ShadowProbabilities));
    }

    [Fact]
    public async Task A_rollout_has_every_silo_serve_the_registry_now_and_names_a_silo_that_is_gone()
    {
        var original = (await Registry.GetAsync()).Active!;
        Assert.True((await Registry.UploadAsync(Upload("rollout-candidate"))).Ok);
        Assert.True((await Registry.ActivateAsync("rollout-candidate")).Ok);
        try
        {
            // The silos poll once an hour here: only the rollout can have them serve the new version now.
            Assert.All(fixture.SiloServices, services => Assert.Equal(original, services.GetRequiredService<ActiveModel>().ActiveVersion));

            var outcome = await Grains.GetGrain<IServingRolloutGrain>(0).RollOutModelsAsync();

            Assert.Equal("Served by every silo (2).", outcome);
            Assert.All(fixture.SiloServices, services => Assert.Equal("rollout-candidate", services.GetRequiredService<ActiveModel>().ActiveVersion));
            var gone = SiloAddress.New(System.Net.IPAddress.Loopback, 1, 1).ToParsableString();
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<ISiloServingGrain>(gone).SynchronizeModelsAsync());
            Assert.Contains($"No active silo is '{gone}'", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(original, (await Registry.RollbackAsync()).View.Active);
            await fixture.SynchronizeAllSilosAsync();
        }
    }
}
