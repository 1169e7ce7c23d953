using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.ClusterTests;

/// <summary>
/// A two-silo cluster whose decision log holds only what its tests write there, so that what a learning run decides
/// depends on nothing another test did: the shared <see cref="ClusterFixture"/>'s log gathers every test's quotes.
/// </summary>
public sealed class LearningClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster's clock; tests move it forward only.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Where the silos read (and would write) their decision logs: a fresh folder per run.</summary>
    public static string DecisionLogDirectory { get; } = Path.Combine(Path.GetTempPath(), "pricing-learning-cluster-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The grid of the tests' simulated logs (<see cref="DecisionLogSimulator"/>), which the cluster prices on too.</summary>
    public static IReadOnlyList<double> Grid { get; } = [0, 0.1, 0.2, 0.3];

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DecisionLogDirectory);
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 2 } };
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        Directory.Delete(DecisionLogDirectory, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(PricingStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<TimeProvider>(Time);
            siloBuilder.Services.AddPricingGrainServices();
            siloBuilder.Services.Configure<QuoteSigningOptions>(options => options.Keys = [new QuoteSigningKey { Id = "learning-cluster-tests", Secret = Convert.ToBase64String(new byte[32]) }]);
            siloBuilder.Services.Configure<DecisionLogOptions>(options => options.Directory = DecisionLogDirectory);
            siloBuilder.Services.PostConfigure<PricingOptions>(options =>
            {
                options.DiscountGrid = [.. Grid];
                options.MaxCustomerDiscount = 0.3;
            });
            // Runs on demand only (no timer on the fake clock), as the learning unit tests configure them.
            siloBuilder.Services.Configure<LearningOptions>(options =>
            {
                options.Interval = TimeSpan.Zero;
                options.MinDecisions = 500;
                options.BootstrapResamples = 200;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LearningClusterCollection : ICollectionFixture<LearningClusterFixture>
{
    public const string Name = "Learning cluster";
}
