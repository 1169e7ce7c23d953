namespace OrleansPricing.Contracts.Customers;

/// <summary>One line of a completed order, as the customer's features record it.</summary>
[GenerateSerializer, Immutable, Alias("contracts.purchased-line")]
public sealed record PurchasedLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Category,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal ListPrice,
    [property: Id(5)] string? QuoteId);
