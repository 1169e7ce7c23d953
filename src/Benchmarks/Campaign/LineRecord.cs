using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>One quoted SKU of an arrival: the quote, the true purchase probability at each level, the chosen level, and what happened.</summary>
internal sealed record LineRecord(ProductFacts Product, Quote Quote, float[] P, int Level, bool Bought, bool Holdout);
