namespace OrleansPricing.Pricing.Models;

/// <summary>Which model priced a quote: reported with every quote so decisions can be traced to a model version.</summary>
public sealed record ResponseModelInfo(
    string ModelId,
    string Version,
    string Kind,
    string FeatureDefinitionVersion)
{
    /// <summary>How quotes and the decision log name the model: <c>{model id}@{version}</c>.</summary>
    public string Name => NameOf(ModelId, Version);

    public static string NameOf(string modelId, string version) => $"{modelId}@{version}";

    /// <summary>The version part of a <see cref="Name"/>; the whole string when it has none.</summary>
    public static string VersionOf(string name) => name[(name.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
