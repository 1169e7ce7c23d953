namespace OrleansPricing.Pricing.Models;

/// <summary>Which model priced a quote: reported with every quote so decisions can be traced to a model version.</summary>
public sealed record ResponseModelInfo(
    string ModelId,
    string Version,
    string Kind,
    string FeatureDefinitionVersion);
