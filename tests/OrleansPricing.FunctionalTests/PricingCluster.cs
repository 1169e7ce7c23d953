using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Silo.Hosting;
using OrleansPricing.Client.Security;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// A cluster laid out as in production, inside the test process: silo hosts and gateway hosts, each a host of its own,
/// sharing Azure Table membership and grain state on Azurite under a cluster id of their own.
/// </summary>
public sealed class PricingCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos = [];
    private readonly List<WebApplication> _gateways = [];

    /// <summary>Every silo of this cluster signs and verifies quotes with this one key.</summary>
    private readonly string _signingSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    public IReadOnlyList<IHost> Silos => _silos;

    private readonly List<Process> _processes = [];

    /// <summary>This cluster's decision log (each test cluster its own, removed with it).</summary>
    public string DecisionLogDirectory { get; } = Path.Combine(Path.GetTempPath(), "pricing-functional-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// This cluster's decision log in blob storage (the silos keep it there when the account has a blob endpoint): the
    /// service's own container, as the silos name it unless told otherwise (the service id is the cluster id here).
    /// </summary>
    public string DecisionLogContainer => $"decision-log-{ClusterId}";

    /// <summary>
    /// Appends <paramref name="log"/> to this cluster's blob decision log as a silo named <paramref name="writer"/>
    /// would have written it (<see cref="DecisionLogCsv.WriteAsLogged"/>).
    /// </summary>
    public async Task SeedDecisionLogAsync(IReadOnlyList<DecisionRecord> log, string writer = "simulated")
    {
        var store = new BlobDecisionLogStore(new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(DecisionLogContainer), TimeProvider.System);
        await store.OpenAsync(writer, CancellationToken.None);
        using var decisionsText = new StringWriter();
        using var purchasesText = new StringWriter();
        using (var decisions = DecisionLogCsv.RowWriter(decisionsText))
        using (var purchases = DecisionLogCsv.RowWriter(purchasesText))
        {
            DecisionLogCsv.WriteAsLogged(decisions, purchases, log);
        }

        await store.AppendAsync(DecisionLogKind.Decisions, writer, decisionsText.ToString().AsMemory(), CancellationToken.None);
        await store.AppendAsync(DecisionLogKind.Purchases, writer, purchasesText.ToString().AsMemory(), CancellationToken.None);
    }

    /// <summary>Settings of every silo and gateway this cluster starts from now on, over the defaults below.</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    private Dictionary<string, string?> Settings(int siloPort, int gatewayPort)
    {
        var settings = DefaultSettings(siloPort, gatewayPort);
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private Dictionary<string, string?> DefaultSettings(int siloPort, int gatewayPort) => new()
    {
        [$"ConnectionStrings:{ClusterConnectionSettings.ConnectionStringName}"] = Azurite.ConnectionString,
        ["Orleans:ClusterId"] = ClusterId,
        ["Orleans:ServiceId"] = ClusterId,
        ["Orleans:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Warning",
        ["DecisionLog:Directory"] = DecisionLogDirectory,
        ["Learning:Interval"] = "00:00:00",
        ["QuoteSigning:Keys:0:Id"] = "functional",
        ["QuoteSigning:Keys:0:Secret"] = _signingSecret,
        ["Security:ApiKeys:0:Name"] = "functional-management",
        ["Security:ApiKeys:0:Role"] = ApiKeyRoles.Management,
        ["Security:ApiKeys:0:Sha256"] = ApiKeyOptions.Hash(ManagementKey),
        ["Security:ApiKeys:1:Name"] = "functional-integration",
        ["Security:ApiKeys:1:Role"] = ApiKeyRoles.Integration,
        ["Security:ApiKeys:1:Sha256"] = ApiKeyOptions.Hash(IntegrationKey),
    };

    /// <summary>The gateway's management key; clients from <see cref="StartGatewayAsync"/> send it.</summary>
    public string ManagementKey { get; } = "functional-management-" + Guid.NewGuid().ToString("N");

    /// <summary>The gateway's integration key (a storefront's).</summary>
    public string IntegrationKey { get; } = "functional-integration-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Starts a silo host as src/Silo runs one behind standalone gateways (Silo:CoHostGateway false): its grains, and its
    /// own /metrics on Kestrel at a free loopback port (<see cref="SiloHttp"/>).
    /// </summary>
    /// <param name="services">Registrations that replace the silo's own (a fake pricing clock, say).</param>
    public async Task<IHost> StartSiloAsync(Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(FreePort.Next(), FreePort.Next()));
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
        builder.Services.AddProblemDetails();
        builder.Services.AddPricingApiKeys();
        builder.Services.AddPricingTelemetry(builder.Configuration);
        builder.Services.AddPricingSiloHealthChecks();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPricingMetrics();
        await app.StartAsync();
        _silos.Add(app);
        return app;
    }

    /// <summary>A client of <paramref name="silo"/>'s own HTTP endpoints (/metrics), sending the management key.</summary>
    public HttpClient SiloHttp(IHost silo)
    {
        var address = silo.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ManagementKey);
        return http;
    }

    /// <summary>
    /// Starts a silo as a process of its own (the src/Silo host from this test's output), so a test can kill it as an
    /// operating system would: SIGKILL, no shutdown. Returns once the silo reports ready (storage, membership, model).
    /// </summary>
    public async Task<Process> StartSiloProcessAsync()
    {
        // A port found free may be taken by another process before the silo binds it: then the silo exits at start, and
        // it is started again on other ports (bounded).
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartSiloProcessAsync(lastAttempt: attempt == 3) is { } process)
            {
                return process;
            }
        }
    }

    /// <returns>The ready silo, or null when its ports were taken before it bound them (unless this is the last attempt).</returns>
    private async Task<Process?> TryStartSiloProcessAsync(bool lastAttempt)
    {
        var http = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "OrleansPricing.Silo.dll"), "--urls", $"http://127.0.0.1:{http}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings(FreePort.Next(), FreePort.Next()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Silo__CoHostGateway"] = "false";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        _processes.Add(process);
        // The last lines the process wrote, for the message when it dies before it is ready.
        var lastLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lastLines.Enqueue(line);
            while (lastLines.Count > 30 && lastLines.TryDequeue(out _))
            {
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (process.HasExited && !lastAttempt && lastLines.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            Assert.False(process.HasExited,
                $"The silo process exited with code {(process.HasExited ? process.ExitCode : 0)} before it was ready. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}");
            await Task.Delay(200);
        }

        throw new TimeoutException("The silo process did not report ready within 60 s.");
    }

    public async Task StopSiloAsync(IHost silo)
    {
        await silo.StopAsync();
        silo.Dispose();
        _silos.Remove(silo);
    }

    /// <summary>
    /// Stops a silo without its graceful shutdown, as Orleans' test cluster kills an in-process silo: with an already
    /// cancelled token the silo stops at once (Orleans' non-graceful stop) and its grains are not deactivated.
    /// </summary>
    public async Task KillSiloAsync(IHost silo)
    {
        await silo.StopAsync(new CancellationToken(canceled: true));
        silo.Dispose();
        _silos.Remove(silo);
    }

    /// <summary>Starts a standalone gateway (the src/Client host) on Kestrel at a free loopback port.</summary>
    /// <param name="settings">Settings of this gateway only, over the cluster's.</param>
    /// <param name="services">Services of this gateway only, registered after its own (a clock of its own, say).</param>
    /// <param name="cancellationToken">Gives up starting (a gateway that cannot join the cluster keeps trying).</param>
    public async Task<HttpClient> StartGatewayAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(0, 0));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseOrleansClient(client => client.UsePricingCluster(builder.Configuration));
        builder.Services.AddPricingGateway();
        builder.Services.AddPricingTelemetry(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<ClusterReachableHealthCheck>("cluster");
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UsePricingGateway();
        app.MapPricingHealth();
        app.MapPricingMetrics();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _gateways.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ManagementKey);
        return http;
    }

    public async Task StopGatewaysAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }

        _gateways.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopGatewaysAsync();
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        foreach (var silo in _silos.ToList())
        {
            await StopSiloAsync(silo);
        }

        if (Directory.Exists(DecisionLogDirectory))
        {
            Directory.Delete(DecisionLogDirectory, recursive: true);
        }
    }
}
