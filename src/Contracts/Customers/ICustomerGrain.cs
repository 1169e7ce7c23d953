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

    /// <summary>Prices the SKUs for this customer and remembers the quotes so orders can honour them.</summary>
    [Alias("quote")]
    Task<QuoteResponse> QuoteAsync(QuoteRequest request);

    /// <summary>For each (SKU, quote id) pair, the quote that is still valid for this customer, if any.</summary>
    [Alias("find-honoured-quotes")]
    Task<IReadOnlyList<HonouredQuote>> FindHonouredQuotesAsync(IReadOnlyList<QuoteReference> lines);

    /// <summary>Records a completed order as a purchase and closes the quotes it used. Idempotent per order id.</summary>
    [Alias("record-order")]
    Task RecordOrderAsync(string orderId, DateTimeOffset at, IReadOnlyList<PurchasedLine> lines);
}
