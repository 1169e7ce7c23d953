using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Grains.DecisionLog;

namespace OrleansPricing.Silo.Hosting;

/// <summary>
/// Whether this silo logs its decisions, which learning reads. A log that could not be opened is degraded, not unhealthy:
/// quotes are priced as before (only unexplored and unlogged), so the silo stays ready (200) and the report says why.
/// A log turned off by configuration is the shop's choice and healthy. The descriptions name no location: the
/// endpoint answers without a key, and a blob container's address may carry a SAS token.
/// </summary>
public sealed class DecisionLogHealthCheck(DecisionLogWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.State switch
        {
            SiloDecisionLogStatus.Off => HealthCheckResult.Healthy("The decision log is off (DecisionLog:Directory empty, no blob storage): nothing is learned or explored."),
            SiloDecisionLogStatus.Unwritable => HealthCheckResult.Degraded("The decision log could not be opened (the silo's log says where and why, event 4102): quotes are neither logged nor explored, so nothing is learned from them."),
            _ => HealthCheckResult.Healthy("Logging decisions."),
        });
}
