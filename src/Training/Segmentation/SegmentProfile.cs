namespace OrleansPricing.Training.Segmentation;

/// <summary>A segment described by its members' averages and named in business words.</summary>
public sealed record SegmentProfile(
    int Segment,
    string Name,
    string Description,
    int Customers,
    double RecencyDays,
    double Frequency,
    double Monetary,
    double AverageOrderValue,
    double TenureDays,
    IReadOnlyList<double> StandardizedCentroid);
