using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansPricing.Silo.Hosting;

/// <summary>Ready only once the membership lists this silo as active: before that, the cluster routes it no grain calls.</summary>
public sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Active in the membership ({membership.CurrentSnapshot.Members.Count(m => m.Value.Status == SiloStatus.Active)} active silos).")
            : HealthCheckResult.Unhealthy($"This silo is {status} in the membership."));
    }
}
