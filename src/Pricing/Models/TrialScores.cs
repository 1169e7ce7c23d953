namespace OrleansPricing.Pricing.Models;

/// <summary>A quote's rows scored by the shadow version on trial; <paramref name="Model"/> names it as a quote does.</summary>
public sealed record TrialScores(string Model, float[] Probabilities);
