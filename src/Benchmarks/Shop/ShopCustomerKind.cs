namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// A latent kind of shopper: how likely to buy at list price, how much a discount lifts that, and the behaviour its
/// history shows. The lift saturates (approaching <see cref="Lift"/> with depth scale <see cref="Scale"/>) or, with a
/// <see cref="Threshold"/>, is S-shaped: little below the threshold, most of it just above. The kind is never sent to the
/// service; only behaviour and answers to quotes reveal it.
/// </summary>
/// <param name="DiscountedShare">The share of the history's purchases paid below list price.</param>
/// <param name="DiscountedDepth">The mean depth of those discounts.</param>
internal sealed record ShopCustomerKind(
    string Name, double Share, double Base, double Lift, double Scale, double Views, double CartAdds, double Purchases,
    double Threshold = 0, double DiscountedShare = 0, double DiscountedDepth = 0)
{
    /// <summary>The discount's multiplier on the list-price purchase probability, its lift scaled by <paramref name="liftFactor"/>.</summary>
    public double Multiplier(double discount, double liftFactor = 1) => 1 + Lift * liftFactor * Shape(discount);

    /// <summary>0 at no discount, approaching 1 with depth: 1 − e^(−d/Scale), or a logistic step around the threshold.</summary>
    private double Shape(double discount)
    {
        if (Threshold <= 0)
        {
            return 1 - Math.Exp(-discount / Scale);
        }

        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        var atZero = Sigmoid(-Threshold / Scale);
        return (Sigmoid((discount - Threshold) / Scale) - atZero) / (1 - atZero);
    }
}
