using OrleansPricing.Contracts.Audit;

namespace OrleansPricing.Grains.Audit;

[GenerateSerializer, Alias("grains.audit-log-state")]
public sealed class AuditLogState
{
    /// <summary>Oldest first; at most <see cref="IAuditLogGrain.Capacity"/>.</summary>
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
