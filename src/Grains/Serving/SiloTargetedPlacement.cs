namespace OrleansPricing.Grains.Serving;

/// <summary>Places a grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>), for calls meant for one silo.</summary>
[Serializable]
public sealed class SiloTargetedPlacement : PlacementStrategy
{
    public static SiloTargetedPlacement Instance { get; } = new();
}
