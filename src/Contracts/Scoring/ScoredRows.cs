namespace OrleansPricing.Contracts.Scoring;

/// <summary>Rows scored by the active version and, when the silo has one, by the shadow version in the same batch.</summary>
[GenerateSerializer, Immutable, Alias("contracts.scored-rows")]
public sealed record ScoredRows(
    [property: Id(0)] float[] Probabilities,
    [property: Id(1)] string? ShadowVersion,
    [property: Id(2)] float[]? ShadowProbabilities);
