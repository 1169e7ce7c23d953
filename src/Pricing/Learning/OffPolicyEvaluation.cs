using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Judges the policy a response model induces — at each decision, the allowed level with the most expected profit
/// p(d)·(price(d) − cost), ties to the smaller discount — on logged decisions whose propensities are known.
/// </summary>
public static class OffPolicyEvaluation
{
    /// <summary>Probabilities for every row of <see cref="HeldOutDecisions.Rows"/>, from one model.</summary>
    public sealed record Scored(float[] Probabilities, int[] Choices);

    public static Scored Score(HeldOutDecisions decisions, Func<float[], int, float[]> model)
    {
        var probabilities = decisions.Count == 0 ? [] : model(decisions.Rows.Values, decisions.Rows.Rows);
        // The choices are filled in below; the record holds the same array.
        var scored = new Scored(probabilities, new int[decisions.Count]);
        var list = decisions.ListLevel;
        Span<double> profits = stackalloc double[decisions.Grid.Count];
        for (var i = 0; i < decisions.Count; i++)
        {
            profits.Fill(double.NegativeInfinity);
            foreach (var g in decisions.Allowed[i])
            {
                profits[g] = ExpectedProfit(decisions, scored, i, g);
            }

            // The served policy's rule (DiscountOptimizer.Choose), one implementation for both.
            scored.Choices[i] = DiscountOptimizer.Pick(profits, list, decisions.MinDiscountGain, decisions.DepthTolerance).Level;
        }

        return scored;
    }

    /// <summary>A model's expected profit for held-out decision <paramref name="i"/> at grid level <paramref name="level"/>: its purchase probability (clamped to [0, 1]) times the margin there.</summary>
    public static double ExpectedProfit(HeldOutDecisions decisions, Scored scored, int i, int level) =>
        Math.Clamp(scored.Probabilities[(i * decisions.Grid.Count) + level], 0f, 1f) * decisions.Margins[(i * decisions.Grid.Count) + level];

    /// <summary>Per-decision doubly robust terms qᵢ(πᵢ) + wᵢ·(rᵢ − qᵢ(aᵢ)), paired across models for the bootstrap.</summary>
    public static double[] DoublyRobustTerms(HeldOutDecisions decisions, Scored scored, double maxWeight)
    {
        var terms = new double[decisions.Count];
        for (var i = 0; i < decisions.Count; i++)
        {
            double Q(int g) => ExpectedProfit(decisions, scored, i, g);
            var weight = Weight(decisions, scored, i, maxWeight);
            terms[i] = Q(scored.Choices[i]) + weight * (decisions.Reward(i) - Q(decisions.Logged[i]));
        }

        return terms;
    }

    /// <param name="doublyRobustTerms">The policy's <see cref="DoublyRobustTerms(HeldOutDecisions, Scored, double)"/>, computed once by the caller, who pairs them too.</param>
    public static PolicyEstimate Estimate(HeldOutDecisions decisions, Scored scored, IReadOnlyList<double> doublyRobustTerms, double maxWeight)
    {
        double weighted = 0, weights = 0, squares = 0;
        var agreeing = 0;
        for (var i = 0; i < decisions.Count; i++)
        {
            var weight = Weight(decisions, scored, i, maxWeight);
            if (weight > 0)
            {
                agreeing++;
            }

            weighted += weight * decisions.Reward(i);
            weights += weight;
            squares += weight * weight;
        }

        var levels = decisions.Grid.Count;
        var observed = Enumerable.Range(0, decisions.Count).Select(i => (double)scored.Probabilities[i * levels + decisions.Logged[i]]).ToArray();
        var labels = decisions.Records.Select(r => r.Purchased == true).ToArray();
        return new PolicyEstimate(
            weights > 0 ? weighted / weights : 0,
            decisions.Count > 0 ? doublyRobustTerms.Average() : 0,
            squares > 0 ? weights * weights / squares : 0,
            agreeing,
            decisions.Count > 0 ? scored.Choices.Average(g => decisions.Grid[g]) : 0,
            ClassifierMetrics.AreaUnderRoc(observed, labels) is var auc && double.IsFinite(auc) ? auc : null,
            ClassifierMetrics.LogLoss(observed, labels));
    }

    /// <summary>
    /// Lower bound, at <paramref name="confidence"/> (one-sided), of the mean of paired differences by a seeded percentile
    /// bootstrap over decisions.
    /// </summary>
    public static (double Mean, double Lower, double Upper) DifferenceInterval(
        IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, double confidence, int resamples, int seed)
    {
        var n = candidate.Count;
        if (n == 0)
        {
            return (0, 0, 0);
        }

        var differences = candidate.Select((c, i) => c - baseline[i]).ToArray();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += differences[random.Next(n)];
            }

            means[b] = sum / n;
        }

        Array.Sort(means);
        double Quantile(double q) => means[Math.Clamp((int)Math.Floor(q * (resamples - 1)), 0, resamples - 1)];
        return (differences.Average(), Quantile(1 - confidence), Quantile(confidence));
    }

    /// <summary>
    /// The difference in mean profit per decision between two arms of a randomized trial — the decisions each version
    /// priced — with a bootstrap interval (the lower end at <paramref name="confidence"/>). Unbiased whatever either
    /// model believes: each arm's mean is what its quotes earned. Each arm is given as its quotes (the unit the trial
    /// draws), each with its lines' total profit and count: the bootstrap resamples quotes, each arm apart, so lines of
    /// one quote — one customer's answers at one moment — do not count as independent evidence.
    /// </summary>
    public static (double Mean, double Lower, double Upper) ArmsDifferenceInterval(
        IReadOnlyList<(double Profit, int Lines)> treated, IReadOnlyList<(double Profit, int Lines)> control, double confidence, int resamples, int seed)
    {
        if (treated.Count == 0 || control.Count == 0)
        {
            return (0, 0, 0);
        }

        var random = new Random(seed);
        double Resampled(IReadOnlyList<(double Profit, int Lines)> arm)
        {
            var (profit, lines) = (0.0, 0);
            for (var k = 0; k < arm.Count; k++)
            {
                var quote = arm[random.Next(arm.Count)];
                (profit, lines) = (profit + quote.Profit, lines + quote.Lines);
            }

            return profit / lines;
        }

        static double Mean(IReadOnlyList<(double Profit, int Lines)> arm) => arm.Sum(quote => quote.Profit) / arm.Sum(quote => quote.Lines);

        var differences = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            differences[b] = Resampled(treated) - Resampled(control);
        }

        Array.Sort(differences);
        double Quantile(double q) => differences[Math.Clamp((int)Math.Floor(q * (resamples - 1)), 0, resamples - 1)];
        return (Mean(treated) - Mean(control), Quantile(1 - confidence), Quantile(confidence));
    }

    /// <summary>1/propensity when the model's policy picks the logged level, clipped; 0 otherwise.</summary>
    private static double Weight(HeldOutDecisions decisions, Scored scored, int i, double maxWeight) =>
        scored.Choices[i] == decisions.Logged[i] ? Math.Min(1 / decisions.Records[i].Propensity, maxWeight) : 0;
}
