namespace OrleansPricing.Benchmarks.Shop;

/// <summary>A simulated customer: their latent kind and their taste for each category (hidden from the service).</summary>
internal sealed record ShopCustomer(string Id, ShopCustomerKind Kind, IReadOnlyDictionary<string, double> Tastes);
