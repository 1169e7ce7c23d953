namespace OrleansPricing.Contracts.Products;

[GenerateSerializer, Immutable, Alias("contracts.reservation-outcome")]
public sealed record ReservationOutcome(
    [property: Id(0)] ReservationStatus Status,
    [property: Id(1)] int Available);
