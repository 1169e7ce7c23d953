namespace OrleansPricing.Contracts.Customers;

/// <summary>A SKU of a quote request that could not be priced (e.g. unknown); the other SKUs are still quoted.</summary>
[GenerateSerializer, Immutable, Alias("contracts.quote-item-error")]
public sealed record QuoteItemError(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message)
{
    public const string UnknownSku = "unknown-sku";
}
