namespace OrleansPricing.FunctionalTests;

/// <summary>One silo and one standalone gateway on Azurite, shared by the HTTP API tests.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public PricingCluster Cluster { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        await Cluster.StartSiloAsync();
        Http = await Cluster.StartGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway on Azurite";
}
