namespace OrleansPricing.Training.Data;

/// <summary>
/// One model input after cleaning: a numeric column (imputed, winsorized, standardized) or one category of a
/// categorical column (one-hot, 0/1, not standardized). The model card carries these so serving can reproduce them.
/// </summary>
public sealed record FeatureColumn(
    string Name,
    string SourceColumn,
    string Kind,
    string? Category,
    double Median,
    double Low,
    double High,
    double Mean,
    double StandardDeviation)
{
    public const string Numeric = "numeric";
    public const string OneHot = "one-hot";

    public float Transform(double raw) =>
        Kind == OneHot
            ? (float)raw
            : (float)((Math.Clamp(double.IsNaN(raw) ? Median : raw, Low, High) - Mean) / StandardDeviation);
}
