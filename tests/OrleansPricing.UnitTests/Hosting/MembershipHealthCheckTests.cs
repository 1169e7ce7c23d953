using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.UnitTests.Hosting;

/// <summary>
/// Readiness follows this silo's status in the membership: not ready while it joins, ready once active, not ready again
/// when it shuts down. The membership is a fixed snapshot here; the real one is exercised by the cluster tests.
/// </summary>
public sealed class MembershipHealthCheckTests
{
    private static readonly SiloAddress Local = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Theory]
    [InlineData(SiloStatus.Joining, HealthStatus.Unhealthy, "This silo is Joining in the membership.")]
    [InlineData(SiloStatus.Active, HealthStatus.Healthy, "Active in the membership (2 active silos).")]
    [InlineData(SiloStatus.ShuttingDown, HealthStatus.Unhealthy, "This silo is ShuttingDown in the membership.")]
    public async Task Ready_only_while_the_membership_lists_this_silo_as_active(SiloStatus status, HealthStatus expected, string description)
    {
        var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty
            .Add(Local, new ClusterMember(Local, status, "local"))
            .Add(Other, new ClusterMember(Other, SiloStatus.Active, "other"));
        var check = new MembershipHealthCheck(new FixedMembership(new ClusterMembershipSnapshot(members, new MembershipVersion(3))), new LocalSilo());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        Assert.Equal(status == SiloStatus.Active ? "Active in the membership (2 active silos)." : description, result.Description);
    }

    private sealed class FixedMembership(ClusterMembershipSnapshot snapshot) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot => snapshot;

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "local";
        public string ClusterId => "test";
        public string DnsHostName => "localhost";
        public SiloAddress SiloAddress => Local;
        public SiloAddress GatewayAddress => Local;
    }
}
