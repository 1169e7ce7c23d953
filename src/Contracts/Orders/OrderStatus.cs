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

    /// <summary>A cited quote is not honoured: invalid, for another customer, SKU or fewer units, or expired (see the detail).</summary>
    QuoteRejected = 5,

    /// <summary>A cited quote was already used by another order.</summary>
    QuoteAlreadyUsed = 6,

    /// <summary>
    /// A step of the order failed <c>Pricing:OrderMaxFailedAttempts</c> times: everything the order held or took was
    /// returned and the failure recorded (see the detail); a retry with the same id gets this answer.
    /// </summary>
    Failed = 7,
}
