namespace OrleansPricing.Training.Learning;

/// <summary>Predicts purchase probability with and without the offer; uplift is their difference.</summary>
public interface IUpliftModel
{
    string Name { get; }

    /// <returns>(P(buy | x, offer), P(buy | x, no offer)) per row.</returns>
    (double[] Treated, double[] Control) Predict(IReadOnlyList<float[]> features);
}
