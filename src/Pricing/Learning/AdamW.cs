namespace OrleansPricing.Pricing.Learning;

/// <summary>Adam with the usual moment decays (0.9, 0.999) and decoupled weight decay where the mask is 1 (AdamW).</summary>
public sealed class AdamW(int size, double learningRate, double weightDecay)
{
    private readonly double[] _m = new double[size];
    private readonly double[] _v = new double[size];
    private int _t;

    public void Step(double[] values, double[] gradient, double[] decayMask)
    {
        _t++;
        var correction1 = 1 - Math.Pow(0.9, _t);
        var correction2 = 1 - Math.Pow(0.999, _t);
        for (var i = 0; i < values.Length; i++)
        {
            _m[i] = 0.9 * _m[i] + 0.1 * gradient[i];
            _v[i] = 0.999 * _v[i] + 0.001 * gradient[i] * gradient[i];
            values[i] -= learningRate * ((_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + 1e-8) + weightDecay * decayMask[i] * values[i]);
        }
    }
}
