using Orleans.Runtime.Placement;

namespace OrleansPricing.Grains.Serving;

/// <summary>
/// Places a <see cref="SiloTargetedPlacement"/> grain on the silo its key names, and nowhere else: a silo that is gone
/// (or a key that names none) fails the call rather than run it on another silo.
/// </summary>
public sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var silo = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key)
            ?? throw new OrleansException($"No active silo is '{key}': a silo-targeted grain is placed on the silo its key names only.");
        return Task.FromResult(silo);
    }
}
