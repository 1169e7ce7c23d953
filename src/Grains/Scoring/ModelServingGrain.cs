using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>This silo's scoring pool as a grain, so that a caller can bring every silo in step with the registry at once.</summary>
[SiloTargetedPlacement]
public sealed class ModelServingGrain(ModelSynchronizer synchronizer) : Grain, IModelServingGrain
{
    public Task<SiloScoringStatus> SynchronizeAsync() => synchronizer.SynchronizeAsync();
}
