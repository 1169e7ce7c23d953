using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansPricing.Contracts;
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
        var clock = services.GetRequiredKeyedService<TimeProvider>(PricingClock.Key);
        if (useBlobs)
        {
            if (blobs is null)
            {
                throw new InvalidOperationException("DecisionLog:Store is 'blob' but the silo has no blob storage (ConnectionStrings:PricingStorage).");
            }

            var container = string.IsNullOrWhiteSpace(options.BlobContainer)
                ? ServiceContainers.Name(DecisionLogOptions.ServiceContainerPrefix, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)
                : options.BlobContainer;
            return new BlobDecisionLogStore(blobs.GetBlobContainerClient(container), clock, compress: options.BlobCompression == "gzip", retention: options.Retention);
        }

        return string.IsNullOrWhiteSpace(options.Directory)
            ? null
            : new FolderDecisionLogStore(
                options.Directory, clock, setAsideEarlierStarts: !services.GetRequiredService<GrainStateLifetime>().OutlivesSilo, retention: options.Retention);
    }
}
