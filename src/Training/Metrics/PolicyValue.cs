namespace OrleansPricing.Training.Metrics;

/// <summary>
/// Unbiased value of a targeting policy on randomized data by inverse propensity weighting:
/// V(π) = (1/N) Σᵢ 1{Tᵢ = π(xᵢ)} · Rᵢ / P(T = Tᵢ), with P(T = 1) = e the known (or observed) treatment share.
/// Only customers whose random assignment agrees with the policy count, re-weighted to stand for everyone.
/// </summary>
public static class PolicyValue
{
    public static double Estimate(IReadOnlyList<bool> policy, IReadOnlyList<bool> treated, IReadOnlyList<double> reward, double propensity)
    {
        if (propensity is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(propensity), propensity, "The treatment share must be strictly between 0 and 1.");
        }

        double total = 0;
        for (var i = 0; i < policy.Count; i++)
        {
            if (policy[i] == treated[i])
            {
                total += reward[i] / (treated[i] ? propensity : 1 - propensity);
            }
        }

        return total / policy.Count;
    }

    /// <summary>Treat the top fraction by score (ties keep input order).</summary>
    public static bool[] TreatTop(IReadOnlyList<double> scores, double fraction)
    {
        var policy = new bool[scores.Count];
        foreach (var i in UpliftMetrics.Ranking(scores).Take((int)Math.Round(fraction * scores.Count)))
        {
            policy[i] = true;
        }

        return policy;
    }

    /// <summary>IPW value of treating the top 0%, 5%, …, 100% by score.</summary>
    public static IReadOnlyList<(double Fraction, double Value)> Curve(
        IReadOnlyList<double> scores, IReadOnlyList<bool> treated, IReadOnlyList<double> reward, double propensity, int steps = 20) =>
        Enumerable.Range(0, steps + 1)
            .Select(step => (double)step / steps)
            .Select(fraction => (fraction, Estimate(TreatTop(scores, fraction), treated, reward, propensity)))
            .ToList();
}
