namespace OrleansPricing.Contracts.Scoring;

[GenerateSerializer, Immutable, Alias("contracts.model-registry-view")]
public sealed record ModelRegistryView(
    [property: Id(0)] IReadOnlyList<ModelVersionInfo> Versions,
    [property: Id(1)] string? Active,
    [property: Id(2)] string? Previous,
    [property: Id(3)] string? Shadow,
    [property: Id(4)] IReadOnlyList<SiloScoringStatus> Silos);
