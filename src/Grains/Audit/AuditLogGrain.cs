using OrleansPricing.Contracts.Audit;
using OrleansPricing.Grains.Cluster;

namespace OrleansPricing.Grains.Audit;

/// <summary>The admin actions, persisted on every entry; the oldest go once <see cref="IAuditLogGrain.Capacity"/> are kept.</summary>
public sealed class AuditLogGrain(
    [PersistentState("audit-log", PricingStorage.Name)] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    public async Task RecordAsync(AuditEntry entry)
    {
        var entries = state.State.Entries;
        entries.Add(entry);
        if (entries.Count > IAuditLogGrain.Capacity)
        {
            entries.RemoveRange(0, entries.Count - IAuditLogGrain.Capacity);
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(state.State.Entries.AsEnumerable().Reverse().Take(Math.Max(0, limit)).ToList());
}
