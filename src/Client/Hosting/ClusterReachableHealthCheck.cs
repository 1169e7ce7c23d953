using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Client.Hosting;

/// <summary>The gateway is ready when a grain call (the model registry's view) answers within two seconds.</summary>
public sealed class ClusterReachableHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var view = await grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default).GetAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"The cluster answers; active model {view.Active ?? "(none yet)"}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster did not answer: {exception.GetType().Name}.");
        }
    }
}
