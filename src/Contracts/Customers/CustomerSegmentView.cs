namespace OrleansPricing.Contracts.Customers;

[GenerateSerializer, Immutable, Alias("contracts.customer-segment-view")]
public sealed record CustomerSegmentView(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name);
