using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Grains.Scoring;

[GenerateSerializer, Alias("grains.model-registry-state")]
public sealed class ModelRegistryState
{
    [Id(0)] public Dictionary<string, ModelUpload> Packages { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, ModelVersionInfo> Versions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Versions activated in turn, the current one last; rollback pops.</summary>
    [Id(2)] public List<string> ActivationHistory { get; set; } = [];

    [Id(3)] public string? Shadow { get; set; }
}
