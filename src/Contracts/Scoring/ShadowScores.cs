namespace OrleansPricing.Contracts.Scoring;

/// <summary>Probabilities from the shadow version alone, and which version gave them.</summary>
[GenerateSerializer, Immutable, Alias("contracts.shadow-scores")]
public sealed record ShadowScores([property: Id(0)] string Version, [property: Id(1)] float[] Probabilities);
