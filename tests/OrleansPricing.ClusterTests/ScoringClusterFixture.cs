using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Grains.Scoring;
using OrleansPricing.Scoring;

namespace OrleansPricing.ClusterTests;

/// <summary>
/// A two-silo cluster whose quotes are priced by the ONNX scoring pool. The model synchronizers' own polling is slowed
/// to once an hour; tests run a synchronization round on every silo themselves, so nothing depends on timing.
/// </summary>
public sealed class ScoringClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 2 } };
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await SynchronizeAllSilosAsync();
    }

    public IEnumerable<IServiceProvider> SiloServices =>
        Cluster.Silos.Cast<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services);

    public async Task SynchronizeAllSilosAsync()
    {
        foreach (var services in SiloServices)
        {
            await services.GetRequiredService<ModelSynchronizer>().SynchronizeAsync();
        }
    }

    public async Task DisposeAsync() => await Cluster.StopAllSilosAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(PricingStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.Configure<ScoringOptions>(options =>
            {
                options.ExecutionProvider = "cpu";
                options.RegistryPollInterval = TimeSpan.FromHours(1);
                options.RequestDeadline = TimeSpan.FromSeconds(30);
                // The pool tests compare against the shipped LightGBM model; the default initial model is the logistic prior.
                options.InitialModelPath = "models/lightgbm-purchase-3.0.0.onnx";
            });
            siloBuilder.Services.AddPricingScoring(serveQuotes: true);
            siloBuilder.Services.AddPricingGrainServices();

            // Both silos sign and verify with the same key, as a cluster on shared storage must.
            siloBuilder.Services.Configure<QuoteSigningOptions>(options => options.Keys = [new QuoteSigningKey { Id = "cluster-tests", Secret = Convert.ToBase64String(new byte[32]) }]);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScoringClusterCollection : ICollectionFixture<ScoringClusterFixture>
{
    public const string Name = "Scoring cluster";
}
