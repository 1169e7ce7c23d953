namespace OrleansPricing.Pricing.Segmentation;

[GenerateSerializer, Immutable, Alias("pricing.customer-segment")]
public sealed record CustomerSegment(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name);
