namespace OrleansPricing.Pricing.Segmentation;

public sealed record CustomerSegment(
    int Id,
    string Name);
