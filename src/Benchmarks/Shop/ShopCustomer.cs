namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// A simulated customer: their latent kind, their taste for each category, and how far they stand from their kind's
/// list-price probability and discount lift (factors; 1 in a world without spread). All hidden from the service.
/// </summary>
internal sealed record ShopCustomer(string Id, ShopCustomerKind Kind, IReadOnlyDictionary<string, double> Tastes, double BaseFactor = 1, double LiftFactor = 1);
