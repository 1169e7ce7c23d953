namespace OrleansPricing.Pricing.Features;

/// <summary>One input of the response models: its position is its index in <see cref="FeatureDefinition.Features"/>.</summary>
public sealed record FeatureSpec(string Name, string Source, string Unit, string Transform);
