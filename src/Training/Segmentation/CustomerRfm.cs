namespace OrleansPricing.Training.Segmentation;

/// <summary>One customer's recency/frequency/monetary profile built from their invoices.</summary>
public sealed record CustomerRfm(
    string CustomerId,
    double RecencyDays,
    int Frequency,
    double Monetary,
    double AverageOrderValue,
    double TenureDays)
{
    /// <summary>The clustering inputs before standardization; skewed counts and money are log-transformed.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["recency_days", "log_frequency", "log_monetary", "log_average_order_value", "tenure_days"];

    public double[] RawFeatures() =>
        [RecencyDays, Math.Log(1 + Frequency), Math.Log(1 + Math.Max(0, Monetary)), Math.Log(1 + Math.Max(0, AverageOrderValue)), TenureDays];
}
