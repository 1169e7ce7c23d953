namespace OrleansPricing.Grains.Customers;

/// <summary>
/// A signed quote an order has claimed: by which order, until when it could have been claimed at all, and whether its
/// level was an exploration draw (the order's purchase then counts in the discount-affinity features; see
/// <see cref="OrleansPricing.Pricing.Features.CustomerFeatures.ModelPricedPurchases"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("grains.used-quote")]
public sealed record UsedQuote(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] bool Explored = false);
