namespace OrleansPricing.Grains.Products;

[GenerateSerializer, Immutable, Alias("grains.committed-sale")]
public sealed record CommittedSale(
    [property: Id(0)] int Quantity,
    [property: Id(1)] DateTimeOffset At);
