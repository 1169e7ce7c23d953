namespace OrleansPricing.Contracts.Customers;

/// <summary>
/// One customer, keyed by customer id: live behavioural features, segment, open quotes and today's discounted offers.
/// A customer never seen before is simply new (cold start); every call works on it.
/// </summary>
[Alias("contracts.customer")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Applies the customer's events (duplicates once) and persists them before returning.</summary>
    [Alias("record-events")]
    Task<EventBatchOutcome> RecordEventsAsync(IReadOnlyList<CustomerEventInput> events);

    [Alias("get")]
    Task<CustomerView> GetAsync();

    /// <summary>Prices the SKUs for this customer; each quote is signed, so an order can be priced from it without it being stored.</summary>
    [Alias("quote")]
    Task<QuoteResponse> QuoteAsync(QuoteRequest request);

    /// <summary>
    /// Verifies the signed quotes an order cites (signature, customer, SKU, units, expiry) and marks them used by
    /// <paramref name="orderId"/>, durably, before answering: all or none. The same order claiming again gets the same
    /// answer; another order citing a used quote is refused.
    /// </summary>
    [Alias("claim-quotes")]
    Task<QuoteClaimOutcome> ClaimQuotesAsync(string orderId, IReadOnlyList<QuoteReference> lines);

    /// <summary>Frees the quotes <paramref name="orderId"/> claimed, for an order undone before it completed.</summary>
    [Alias("release-quotes")]
    Task ReleaseQuotesAsync(string orderId);

    /// <summary>Records a completed order as a purchase and closes the quotes it used. Idempotent per order id.</summary>
    [Alias("record-order")]
    Task RecordOrderAsync(string orderId, DateTimeOffset at, IReadOnlyList<PurchasedLine> lines);

    /// <summary>
    /// Erases the customer: features, events, caps and used quotes are gone, the key of the decision log's pseudonym
    /// with them (so the logged decisions can no longer be linked to the customer), and quotes issued before now are
    /// refused. Only the time of the erasure is kept.
    /// </summary>
    [Alias("erase")]
    Task EraseAsync();

    /// <summary>The pseudonym the decision log records this customer under; null if the customer was never quoted.</summary>
    [Alias("pseudonym")]
    Task<string?> GetPseudonymAsync();
}
