namespace OrleansPricing.Grains.Cluster;

/// <summary>The grain storage provider every pricing grain persists to (memory by default, Azure Table when configured).</summary>
public static class PricingStorage
{
    public const string Name = "pricing";
}
