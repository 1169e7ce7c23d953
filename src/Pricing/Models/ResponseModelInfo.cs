namespace OrleansPricing.Pricing.Models;

/// <summary>Which model priced a quote: reported with every quote so decisions can be traced to a model version.</summary>
[GenerateSerializer, Immutable, Alias("pricing.response-model-info")]
public sealed record ResponseModelInfo(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] string Kind,
    [property: Id(3)] string FeatureDefinitionVersion);
