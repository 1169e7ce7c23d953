namespace OrleansPricing.Contracts.Orders;

/// <summary>
/// One order, keyed by the client's order id: the unit of idempotency. It reserves every line's units, commits them
/// all or none, records the purchase on the customer, and persists the outcome before answering; a retry with the same
/// content gets the stored outcome and charges nothing twice.
/// </summary>
[Alias("contracts.order")]
public interface IOrderGrain : IGrainWithStringKey
{
    [Alias("place")]
    Task<OrderOutcome> PlaceAsync(OrderRequest request);

    /// <returns>Null when no order with this id completed.</returns>
    [Alias("get")]
    Task<OrderOutcome?> GetAsync();
}
