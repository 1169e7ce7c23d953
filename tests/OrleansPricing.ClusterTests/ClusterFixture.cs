using OrleansPricing.Pricing.Policy;
using Orleans.Configuration;
using OrleansPricing.Pricing.DecisionLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.ClusterTests;

/// <summary>One two-silo in-process cluster for the whole assembly; every test uses its own grain keys.</summary>
public sealed class ClusterFixture : IDisposable
{
    /// <summary>The cluster's clock. Tests move it forward only; no test sleeps.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public ClusterFixture()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 2 } };
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        Cluster.Deploy();
        WarmUpReminders();
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Where the silos write their decision logs (a fresh folder per run).</summary>
    public static string DecisionLogDirectory { get; } = Path.Combine(Path.GetTempPath(), "pricing-cluster-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A silo-local service of each running silo (e.g. its campaign leases).</summary>
    public IReadOnlyList<T> SiloServices<T>() where T : notnull =>
        Cluster.Silos.Cast<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<T>()).ToList();

    public void Dispose() => Cluster.StopAllSilos();

    /// <summary>
    /// Waits until each silo's reminder service has read its table. Orleans gives a registration 20 s for that first read
    /// and retries a failed one up to 30 s later (on the reminder clock, real time here: below), so on a loaded machine the
    /// first order a test placed failed with "Reminder Service is still initializing" (seen once in CI). Reminders of
    /// several grains, so both silos' ranges are reached; each attempt waits its own 20 s at most, and six attempts bound
    /// the whole.
    /// </summary>
    private void WarmUpReminders()
    {
        foreach (var key in Enumerable.Range(1, 8).Select(i => new Guid(i, 0, 0, new byte[8])))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Grains.GetGrain<IReminderWarmUpGrain>(key).RegisterAndRemoveAsync().GetAwaiter().GetResult();
                    break;
                }
                catch (OrleansException e) when (attempt < 6 && e.Message.Contains("still initializing", StringComparison.Ordinal))
                {
                    // The next attempt waits for the service's own retry of its first read.
                }
            }
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(FailingGrainStorage.InnerName);

            // Reminders in memory, checked every second (real time) so the order-recovery tests need not wait minutes; the
            // orders' own recovery delay is on the fake clock.
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.PostConfigure<PricingOptions>(options =>
            {
                options.OrderRecoveryAfter = TimeSpan.FromMinutes(10);
                options.OrderRecoveryPeriod = TimeSpan.FromSeconds(1);
            });
            siloBuilder.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(PricingStorage.Name, (services, _) =>
                new FailingGrainStorage(
                    services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(FailingGrainStorage.InnerName),
                    services.GetRequiredService<Orleans.Storage.IGrainStorageSerializer>(),
                    services.GetRequiredService<Orleans.Serialization.OrleansJsonSerializer>()));
            siloBuilder.Services.AddSingleton<TimeProvider>(Time);
            // The reminder subsystem on real time, as the reminders above are meant to be: on the fake clock a failed first
            // read of the reminder table was retried only when a test moved the clock, so every registration failed with
            // "Reminder Service is still initializing" (the whole collection, once in a clean clone's .ci/run, 2026-12-02).
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, TimeProvider.System);

            // Random placement, so a test's many customers land on both silos (the default, resource-optimized placement
            // may keep them all on the less loaded one, and the tests of cross-silo behaviour would prove nothing).
            siloBuilder.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();
            siloBuilder.Services.AddPricingGrainServices();

            // Both silos sign and verify with the same key, as a cluster on shared storage must.
            siloBuilder.Services.Configure<QuoteSigningOptions>(options => options.Keys = [new QuoteSigningKey { Id = "cluster-tests", Secret = Convert.ToBase64String(new byte[32]) }]);
            siloBuilder.Services.Configure<DecisionLogOptions>(options => options.Directory = DecisionLogDirectory);

            // Learning runs on demand only (no timer on the fake clock), on the small logs tests make.
            siloBuilder.Services.Configure<LearningOptions>(options =>
            {
                options.Interval = TimeSpan.Zero;
                options.MinDecisions = 20;
            });
        }
    }
}
