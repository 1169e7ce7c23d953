using OrleansPricing.Contracts.Products;

namespace OrleansPricing.Client.Requests;

/// <summary>One page of the product listing; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record ProductPage(IReadOnlyList<ProductView> Items, string? Next);
