namespace OrleansPricing.Contracts.Products;

/// <summary>
/// One product, keyed by SKU. It alone owns its stock: every reservation and sale is checked and applied here, one call
/// at a time, so inventory cannot go negative however many orders race for it.
/// </summary>
[Alias("contracts.product")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the product; refused when the new inventory is below units already reserved.</summary>
    [Alias("upsert")]
    Task<UpsertOutcome> UpsertAsync(ProductDefinition definition);

    /// <returns>Null when the SKU was never defined.</returns>
    [Alias("get")]
    Task<ProductView?> GetAsync();

    /// <returns>Null when the SKU was never defined.</returns>
    [Alias("get-facts")]
    Task<ProductPricingFacts?> GetPricingFactsAsync();

    /// <summary>Holds <paramref name="quantity"/> units for an order for a limited time. Idempotent per order.</summary>
    [Alias("reserve")]
    Task<ReservationOutcome> ReserveAsync(string orderId, int quantity);

    /// <summary>Turns the order's reservation into a sale. Idempotent per order.</summary>
    /// <returns>False only if the reservation lapsed and the units are no longer there.</returns>
    [Alias("commit")]
    Task<bool> CommitAsync(string orderId, int quantity);

    /// <summary>Drops the order's reservation, if any.</summary>
    [Alias("release")]
    Task ReleaseAsync(string orderId);

    /// <summary>Undoes a sale committed for an order that could not complete as a whole.</summary>
    [Alias("reverse")]
    Task ReverseAsync(string orderId);
}
