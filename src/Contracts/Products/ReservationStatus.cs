namespace OrleansPricing.Contracts.Products;

public enum ReservationStatus
{
    Reserved = 0,
    AlreadyCommitted = 1,
    InsufficientInventory = 2,
    UnknownProduct = 3,
}
