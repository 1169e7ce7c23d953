namespace OrleansPricing.Scoring;

/// <summary>
/// One request's rows as a batch scored them: by the active version, and by the shadow version when there is one and it
/// scored (a shadow that fails leaves <see cref="Shadow"/> null; the active scores still serve).
/// </summary>
public sealed record BatchScores(float[] Active, string? ShadowVersion, float[]? Shadow);
