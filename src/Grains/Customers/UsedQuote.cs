namespace OrleansPricing.Grains.Customers;

/// <summary>A signed quote an order has claimed: by which order, and until when it could have been claimed at all.</summary>
[GenerateSerializer, Immutable, Alias("grains.used-quote")]
public sealed record UsedQuote(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DateTimeOffset ExpiresAt);
