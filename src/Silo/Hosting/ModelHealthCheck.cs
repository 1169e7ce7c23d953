using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansPricing.Scoring;

namespace OrleansPricing.Silo.Hosting;

/// <summary>Ready when the model that prices quotes is loaded (always, when quotes are priced from the model file).</summary>
public sealed class ModelHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<ActiveModel>() is not { } model
            ? HealthCheckResult.Healthy("Quotes are priced by the model file (Pricing:ResponseModel logistic).")
            : model.ActiveVersion is { } version
                ? HealthCheckResult.Healthy($"Serving model version {version}.")
                : HealthCheckResult.Unhealthy("No model version is loaded yet; quotes get 503."));
}
