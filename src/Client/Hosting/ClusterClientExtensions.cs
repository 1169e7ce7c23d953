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

        if (ClusterConnectionSettings.StorageConnectionString(configuration) is { } connectionString)
        {
            client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString));
        }
        else
        {
            client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        }

        return client;
    }
}
