namespace OrleansPricing.Scoring;

/// <summary>One batch scored by both the active and the shadow model: how far apart they were.</summary>
public sealed record ShadowComparison(DateTimeOffset At, string ActiveVersion, string ShadowVersion, int Rows, double MeanAbsoluteDifference, double MaxAbsoluteDifference);
