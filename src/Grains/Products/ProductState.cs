using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Products;

[GenerateSerializer, Alias("grains.product-state")]
public sealed class ProductState
{
    [Id(0)] public ProductDefinition? Definition { get; set; }

    /// <summary>Units physically on hand: the defined inventory minus units sold since. Never negative.</summary>
    [Id(1)] public int OnHand { get; set; }

    [Id(2)] public Dictionary<string, InventoryReservation> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Orders whose units were taken, kept to make commits idempotent and sales reversible.</summary>
    [Id(3)] public Dictionary<string, CommittedSale> Sales { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public int UnitsSold { get; set; }
    [Id(5)] public DecayedCounter Demand { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the SKU is registered in its <see cref="ProductDirectoryGrain"/> partition (done once, before the first write).</summary>
    [Id(7)] public bool Listed { get; set; }
}
