namespace OrleansPricing.Contracts.Scoring;

/// <summary>The registry after a command, or why the command was refused (the registry is then unchanged).</summary>
[GenerateSerializer, Immutable, Alias("contracts.model-registry-result")]
public sealed record ModelRegistryResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] string? Error,
    [property: Id(2)] ModelRegistryView View)
{
    public const string NotFound = "not-found";
}
