namespace OrleansPricing.Contracts.Orders;

public enum OrderStatus
{
    Completed = 0,
    InsufficientInventory = 1,
    UnknownSku = 2,

    /// <summary>The order id was already used for an order with other content.</summary>
    OrderIdConflict = 3,
}
