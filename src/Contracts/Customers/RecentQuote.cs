namespace OrleansPricing.Contracts.Customers;

/// <summary>One priced quote line as the admin console shows it: who, what, the price and the policy's reasons.</summary>
[GenerateSerializer, Immutable, Alias("contracts.recent-quote")]
public sealed record RecentQuote(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Sku,
    [property: Id(3)] decimal ListPrice,
    [property: Id(4)] decimal Price,
    [property: Id(5)] double Discount,
    [property: Id(6)] double PurchaseProbability,
    [property: Id(7)] double ExpectedProfit,
    [property: Id(8)] string Segment,
    [property: Id(9)] IReadOnlyList<string> Reasons,
    [property: Id(10)] string? Campaign,
    [property: Id(11)] string Model,
    [property: Id(12)] string Silo);
