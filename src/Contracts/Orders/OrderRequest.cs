namespace OrleansPricing.Contracts.Orders;

[GenerateSerializer, Immutable, Alias("contracts.order-request")]
public sealed record OrderRequest(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] IReadOnlyList<OrderLineRequest> Lines)
{
    /// <summary>Identifies the order's content, so a retry can be told from a different order reusing the id.</summary>
    public string Fingerprint() =>
        CustomerId + "|" + string.Join(";", Lines.Select(line => $"{line.Sku}:{line.Quantity}:{line.QuoteToken}"));
}
