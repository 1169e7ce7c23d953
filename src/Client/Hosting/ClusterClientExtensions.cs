using Azure.Data.Tables;
using Orleans.Configuration;

namespace OrleansPricing.Client.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>Joins the cluster as a client: Azure Table membership when a storage connection string is set, else localhost.</summary>
    public static IClientBuilder UsePricingCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = ClusterConnectionSettings.From(configuration);
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        // A call to a silo that died waits at most this long (Orleans' default is 30 s) before the gateway answers 503.
        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = settings.CallTimeout);

        if (ClusterConnectionSettings.StorageConnectionString(configuration) is { } connectionString)
        {
            client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString));
        }
        else
        {
            client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        }

        if (ClusterTls.Certificate(configuration) is { } certificate)
        {
            client.UseTls(certificate, options => ClusterTls.Configure(options, certificate));
        }

        client.AddActivityPropagation();
        return client;
    }
}
