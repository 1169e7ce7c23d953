using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Customers;

/// <summary>A quote line the customer's activation priced, kept while its quote lives (the grain's memory, not its state).</summary>
/// <param name="QuoteId">The line's quote id (<see cref="QuoteIds"/>).</param>
/// <param name="Price">The unit price quoted.</param>
/// <param name="Discount">The discount quoted, a fraction of list price.</param>
/// <param name="Explored">Whether the level was an exploration draw, as the line's signed token says.</param>
/// <param name="Carted">
/// The customer's first cart add of the line's SKU in its lifetime, when and how many units: taken back from the cart adds
/// if the SKU is then bought, since a cart add that ends in a purchase is part of that purchase
/// (<see cref="CustomerFeatures.TakeBackCartAdd"/>).
/// </param>
public readonly record struct LiveQuote(
    Guid QuoteId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, decimal Price, double Discount, bool Explored,
    (DateTimeOffset At, int Units)? Carted = null)
{
    /// <summary>
    /// Whether <paramref name="purchase"/> (a purchase event of the line's SKU in its lifetime) answers this discounted
    /// line: paid its quoted price for the units bought, within rounding (<see cref="CustomerEvent.RoundingTolerance"/> of
    /// the list value). Such a purchase took the cluster's discount, not one of the shop's own: counted as the
    /// customer's own, it made whoever bought on the cluster's discounts look deal-prone to the next model, as orders
    /// citing the token did before 2026-12-03 (docs/features.md).
    /// </summary>
    public bool Answers(decimal listPrice, CustomerEvent purchase) =>
        Discount > 0
        && Math.Abs(purchase.Amount - (Price * purchase.Quantity)) <= listPrice * purchase.Quantity * CustomerEvent.RoundingTolerance;
}
