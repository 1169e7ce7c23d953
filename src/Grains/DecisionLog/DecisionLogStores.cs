using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>Chooses the decision log's store from <see cref="DecisionLogOptions"/> and the storage the silo has.</summary>
public static class DecisionLogStores
{
    /// <returns>Null when the log is off (no folder and no blob storage).</returns>
    public static IDecisionLogStore? Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DecisionLogOptions>>().Value;
        var blobs = services.GetService<BlobServiceClient>();
        var useBlobs = options.Store == "blob" || (options.Store == "auto" && blobs is not null);
        if (useBlobs)
        {
            return new BlobDecisionLogStore(
                (blobs ?? throw new InvalidOperationException("DecisionLog:Store is 'blob' but the silo has no blob storage (ConnectionStrings:PricingStorage)."))
                    .GetBlobContainerClient(string.IsNullOrWhiteSpace(options.BlobContainer)
                        ? ServiceContainers.Name(DecisionLogOptions.ServiceContainerPrefix, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)
                        : options.BlobContainer),
                services.GetRequiredKeyedService<TimeProvider>(PricingClock.Key),
                compress: options.BlobCompression == "gzip");
        }

        var stateLifetime = services.GetRequiredService<GrainStateLifetime>();
        return string.IsNullOrWhiteSpace(options.Directory) ? null : new FolderDecisionLogStore(options.Directory, setAsideEarlierStarts: !stateLifetime.OutlivesSilo);
    }
}
