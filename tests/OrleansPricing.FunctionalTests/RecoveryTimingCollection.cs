namespace OrleansPricing.FunctionalTests;

/// <summary>
/// Tests that time how fast the cluster recovers from a killed silo, or what the silo lost in its last moments, run
/// alone, after the assembly's parallel collections: sharing two cores with other tests' silos starved one such run on
/// a clean clone (2026-12-02: 136 requests in its 45 s against some 1,000 alone, a grain call timing out 25 s after the
/// kill), which measured the machine rather than the recovery.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecoveryTimingCollection
{
    public const string Name = "Recovery timing, run alone";
}
