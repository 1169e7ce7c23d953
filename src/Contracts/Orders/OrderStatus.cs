namespace OrleansPricing.Contracts.Orders;

public enum OrderStatus
{
    Completed = 0,
    InsufficientInventory = 1,
    UnknownSku = 2,

    /// <summary>The order id was already used for an order with other content.</summary>
    OrderIdConflict = 3,

    /// <summary>A campaign quote's discount could no longer be funded (its reservation lapsed and the budget is spent).</summary>
    CampaignBudgetExhausted = 4,
}
