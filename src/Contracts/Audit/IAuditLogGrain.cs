namespace OrleansPricing.Contracts.Audit;

/// <summary>
/// The admin actions of the cluster (one instance, key <see cref="Key"/>): product changes, campaign changes, model
/// uploads, activations, shadows and rollbacks, learning runs — who (which key) did what, when. The most recent
/// <see cref="Capacity"/> are kept.
/// </summary>
[Alias("contracts.audit-log")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    public const string Key = "all";
    public const int Capacity = 10_000;

    /// <summary>Appends the entry and persists it before returning.</summary>
    [Alias("record")]
    Task RecordAsync(AuditEntry entry);

    /// <returns>The newest <paramref name="limit"/> entries, newest first.</returns>
    [Alias("recent")]
    Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit);
}
