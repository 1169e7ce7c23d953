using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansPricing.Client.Hosting;

namespace OrleansPricing.Silo.Hosting;

/// <summary>
/// A silo is ready when its storage answers, the membership lists it as active and the model it serves is loaded; a
/// decision log that could not be opened makes it degraded (still ready: quotes are priced).
/// </summary>
public static class SiloHealthChecks
{
    public static IServiceCollection AddPricingSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<MembershipHealthCheck>("membership")
            .AddCheck<ModelHealthCheck>("model")
            .AddCheck<DecisionLogHealthCheck>("decisionLog");
        return services;
    }

    private sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (ClusterConnectionSettings.StorageConnectionString(configuration) is not { } connectionString)
            {
                return HealthCheckResult.Healthy("In memory (development).");
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await foreach (var _ in new TableServiceClient(connectionString).QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
                {
                    break;
                }

                return HealthCheckResult.Healthy("Azure Table storage answers.");
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
            {
                return HealthCheckResult.Unhealthy($"Azure Table storage does not answer: {exception.GetType().Name}.");
            }
        }
    }
}
