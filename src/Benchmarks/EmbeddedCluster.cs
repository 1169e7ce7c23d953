using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.Benchmarks;

/// <summary>A single silo with the HTTP gateway on loopback Kestrel, in memory or on Azure storage, started inside the benchmark process.</summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The decision log's folder made for this cluster, removed with it; null when the caller chose one.</summary>
    private readonly string? _logFolder;

    private EmbeddedCluster(WebApplication app, Uri address, string apiKey, string? logFolder)
    {
        _app = app;
        Address = address;
        ApiKey = apiKey;
        _logFolder = logFolder;
    }

    public Uri Address { get; }

    /// <summary>A management key made for this cluster.</summary>
    public string ApiKey { get; }

    /// <summary>An HTTP client of the gateway that sends <see cref="ApiKey"/>.</summary>
    public HttpClient CreateHttpClient(HttpMessageHandler? handler = null) => HttpQuoteLoad.CreateClient(Address, ApiKey, handler);

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <param name="storage">An Azure Storage connection string for membership, grain state and the decision log; null keeps everything in memory.</param>
    public static async Task<EmbeddedCluster> StartAsync(string responseModel, Action<WebApplicationBuilder>? configure = null, string? storage = null)
    {
        var builder = WebApplication.CreateBuilder(HostArguments.With([]));
        // The benchmarks measure capacity, not the per-key limit (20,000/s by default), which an empty request would reach.
        builder.Configuration["Gateway:RequestsPerSecondPerKey"] = "10000000";
        configure?.Invoke(builder);
        var apiKey = "bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        builder.Configuration["Security:ApiKeys:0:Name"] = "benchmark";
        builder.Configuration["Security:ApiKeys:0:Role"] = Client.Security.ApiKeyRoles.Management;
        builder.Configuration["Security:ApiKeys:0:Sha256"] = Client.Security.ApiKeyOptions.Hash(apiKey);
        if (storage is not null)
        {
            builder.Configuration["ConnectionStrings:PricingStorage"] = storage;
            builder.Configuration["Orleans:ClusterId"] = builder.Configuration["Orleans:ServiceId"] = "bench-" + Guid.NewGuid().ToString("N")[..12];
            builder.Configuration["DecisionLog:BlobContainer"] = "bench-log-" + Guid.NewGuid().ToString("N")[..12];
            builder.Configuration["QuoteSigning:Keys:0:Id"] = "benchmark";
            builder.Configuration["QuoteSigning:Keys:0:Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        // The decision log in a folder of this run's, removed with it (a benchmark writes hundreds of MB a minute), unless the
        // caller chose one (the simulations read theirs back) or it goes to blob storage.
        string? logFolder = null;
        if (builder.Configuration["DecisionLog:Directory"] is null)
        {
            logFolder = Path.Combine(Path.GetTempPath(), "pricing-bench-log-" + Guid.NewGuid().ToString("N")[..12]);
            builder.Configuration["DecisionLog:Directory"] = logFolder;
        }

        builder.Configuration["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Pricing:ResponseModel"] = responseModel;
        builder.Configuration["Scoring:RegistryPollInterval"] = "00:00:00.5";
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
        builder.Services.AddPricingGateway();
        builder.Services.AddPricingSiloHealthChecks();
        var app = builder.Build();
        app.UsePricingGateway();
        app.MapPricingHealth();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmbeddedCluster(app, new Uri(address), apiKey, logFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_logFolder is not null && Directory.Exists(_logFolder))
        {
            Directory.Delete(_logFolder, recursive: true);
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
