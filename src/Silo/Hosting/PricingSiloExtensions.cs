using System.Net;
using Azure.Data.Tables;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Grains.Scoring;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Silo.Hosting;

public static class PricingSiloExtensions
{
    /// <summary>Azure table holding grain state when a storage connection string is configured.</summary>
    public const string GrainStateTable = "PricingGrainState";

    /// <summary>
    /// Clustering, storage and the dashboard. With <c>ConnectionStrings:PricingStorage</c> set, membership and grain state
    /// live in Azure Table storage (several silos form one cluster, which must share <c>QuoteSigning:Keys</c>); without
    /// it, a single localhost silo keeps state in memory and signs quotes with a key generated at start, which is the
    /// development default.
    /// </summary>
    public static ISiloBuilder UsePricingSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ClusterConnectionSettings.From(configuration);
        var endpoint = SiloEndpointSettings.From(configuration);
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        // A killed silo is declared dead within seconds rather than Orleans' default of about half a minute (3 missed
        // probes of 5 s, then votes): calls to its grains fail (503) until then. The price: a silo that stalls for ~3 s
        // (a long GC pause, a saturated host) is declared dead too and must restart. Section Orleans:Membership overrides.
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 3;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            configuration.GetSection("Orleans:Membership").Bind(options);
        });

        if (ClusterConnectionSettings.StorageConnectionString(configuration) is { } connectionString)
        {
            // In a Kubernetes pod (deploy/k8s): the pod's name and IP, and the cluster identity from its labels; a silo whose
            // pod is gone is declared dead at once. Elsewhere, the configured endpoints.
            if (configuration["KUBERNETES_SERVICE_HOST"] is not null && configuration["POD_NAME"] is not null)
            {
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(
                    AdvertisedAddress(endpoint.AdvertisedAddress), endpoint.SiloPort, settings.GatewayPort, endpoint.ListenOnAnyAddress);
            }

            silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString));
            silo.UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(connectionString));
            silo.AddAzureTableGrainStorage(PricingStorage.Name, options =>
            {
                options.TableServiceClient = new TableServiceClient(connectionString);
                options.TableName = GrainStateTable;
            });

            // The decision log goes to blob storage when the account has a blob endpoint (docs/decision-log.md).
            // So do the model files (an Azure Table row holds at most 1 MB); without a blob endpoint the registry keeps small
            // models in its row and refuses larger ones.
            if (HasBlobEndpoint(connectionString))
            {
                var blobs = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
                silo.Services.AddSingleton(blobs);
                silo.Services.AddSingleton(new ModelPackageBlobs(blobs.GetBlobContainerClient(ModelPackageBlobs.ContainerName(settings.ServiceId))));
            }
            else
            {
                silo.Services.AddSingleton(ModelStorageLimit.AzureTable);
            }
        }
        else
        {
            silo.UseLocalhostClustering(endpoint.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.AddMemoryGrainStorage(PricingStorage.Name);
            silo.Services.AddSingleton(GrainStateLifetime.ThisSiloOnly);
            silo.UseInMemoryReminderService();

            // One silo, state in memory: a key made at start signs and verifies every quote it will ever see.
            silo.Services.PostConfigure<QuoteSigningOptions>(options => options.GenerateKeyWhenNone());
        }

        if (ClusterTls.Certificate(configuration) is { } certificate)
        {
            silo.UseTls(certificate, options => ClusterTls.Configure(options, certificate));
        }

        silo.AddDashboard();
        silo.AddActivityPropagation();
        var responseModel = configuration[$"{PricingOptions.SectionName}:{nameof(PricingOptions.ResponseModel)}"] ?? new PricingOptions().ResponseModel;
        silo.Services.AddPricingScoring(serveQuotes: responseModel == PricingOptions.Onnx);
        silo.Services.AddPricingGrainServices();
        return silo;
    }

    /// <summary>A connection string that names a blob endpoint, or an account whose endpoints are derived from a suffix.</summary>
    public static bool HasBlobEndpoint(string connectionString) =>
        connectionString.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("EndpointSuffix=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An IP address as is; a host name (a container's service name) resolved to its first IPv4 address.</summary>
    public static IPAddress AdvertisedAddress(string addressOrHost) =>
        IPAddress.TryParse(addressOrHost, out var address)
            ? address
            : Dns.GetHostAddresses(addressOrHost).FirstOrDefault(candidate => candidate.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Orleans:AdvertisedAddress '{addressOrHost}' does not resolve to an IPv4 address.");
}
