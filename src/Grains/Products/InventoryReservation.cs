namespace OrleansPricing.Grains.Products;

[GenerateSerializer, Immutable, Alias("grains.inventory-reservation")]
public sealed record InventoryReservation(
    [property: Id(0)] int Quantity,
    [property: Id(1)] DateTimeOffset ExpiresAt);
