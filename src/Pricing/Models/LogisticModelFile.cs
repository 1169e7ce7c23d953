namespace OrleansPricing.Pricing.Models;

/// <summary>The JSON shape of a logistic purchase model file (see models/README.md).</summary>
public sealed class LogisticModelFile
{
    public string? ModelId { get; set; }
    public string? Version { get; set; }
    public string? FeatureDefinition { get; set; }
    public string? Description { get; set; }
    public double? Intercept { get; set; }
    public Dictionary<string, double>? Coefficients { get; set; }
}
