namespace OrleansPricing.Grains.Cluster;

/// <summary>
/// Whether the grain state of <see cref="PricingStorage"/> outlives this silo. It does on Azure Table storage, and on the
/// test cluster's memory storage while another silo holds it; it does not on the embedded default (one silo, state in
/// memory), where a write as the silo shuts down has nowhere to go: Orleans has already deactivated its memory-storage
/// grains, and every such write failed with an error and a warning of a page of stack each (one run of the independent
/// kinds simulator, 2,000 customers: 1,078 of each, 56,120 log lines). And a decision log in a folder that outlives such a silo is set aside
/// when the next one starts (<see cref="DecisionLog.FolderDecisionLogStore"/>).
/// </summary>
public sealed record GrainStateLifetime(bool OutlivesSilo)
{
    /// <summary>Durable storage, or state other silos may hold: the default.</summary>
    public static GrainStateLifetime Durable { get; } = new(OutlivesSilo: true);

    /// <summary>One silo with its state in memory: the embedded default.</summary>
    public static GrainStateLifetime ThisSiloOnly { get; } = new(OutlivesSilo: false);
}
