namespace OrleansPricing.Pricing.Learning;

/// <summary>The scalar functions the networks trained here share.</summary>
public static class Activations
{
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>ln(1 + eᶻ), without overflow for large |z|.</summary>
    public static double Softplus(double z) => z > 20 ? z : z < -20 ? Math.Exp(z) : Math.Log(1 + Math.Exp(z));
}
