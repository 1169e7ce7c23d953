using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansPricing.Grains.Hosting;

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
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public void Dispose() => Cluster.StopAllSilos();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(PricingStorage.Name);
            siloBuilder.Services.AddSingleton<TimeProvider>(Time);
            siloBuilder.Services.AddPricingGrainServices();
        }
    }
}
