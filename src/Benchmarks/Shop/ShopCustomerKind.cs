namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// A latent kind of shopper: how likely to buy at list price, how much a discount lifts that (saturating: the lift
/// approaches <see cref="Lift"/> with depth scale <see cref="Scale"/>), and the behaviour its history shows. The kind is
/// never sent to the service; only behaviour and answers to quotes reveal it.
/// </summary>
internal sealed record ShopCustomerKind(
    string Name, double Share, double Base, double Lift, double Scale, double Views, double CartAdds, double Purchases)
{
    /// <summary>Four kinds whose discount response differs strongly, and whose response is not of any model family the service fits.</summary>
    public static IReadOnlyList<ShopCustomerKind> All { get; } =
    [
        new("bargain-hunter", 0.25, Base: 0.025, Lift: 6.0, Scale: 0.10, Views: 18, CartAdds: 8, Purchases: 1),
        new("deal-aware", 0.25, Base: 0.06, Lift: 1.6, Scale: 0.12, Views: 10, CartAdds: 3, Purchases: 2),
        new("loyal", 0.25, Base: 0.16, Lift: 0.3, Scale: 0.15, Views: 6, CartAdds: 2, Purchases: 6),
        new("premium", 0.25, Base: 0.10, Lift: 0.0, Scale: 0.10, Views: 4, CartAdds: 1, Purchases: 3),
    ];

    /// <summary>The discount's multiplier on the list-price purchase probability: 1 + Lift·(1 − e^(−d/Scale)).</summary>
    public double Multiplier(double discount) => 1 + Lift * (1 - Math.Exp(-discount / Scale));
}
