using System.Globalization;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Metrics;
using static OrleansPricing.Training.Learning.UpliftPredictions;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// Targeting policies judged by inverse propensity weighting: the share to target is chosen on out-of-fold value, then
/// compared on the held-out part with coupon-for-all and coupon-for-none, with bootstrap standard errors.
/// </summary>
public sealed class PolicyEvaluation(UpliftOptions options, ExperimentLog log)
{
    /// <summary>
    /// Profit per customer: revenue minus the cost of the goods. Treated revenue was earned at (1 − discount) of list,
    /// so its goods cost revenue / (1 − discount) × (1 − margin); control revenue at list costs revenue × (1 − margin).
    /// </summary>
    public double[] Profit(CampaignData rows) => rows.Revenue
        .Select((revenue, i) => revenue - revenue / (rows.Treated[i] ? 1 - options.Discount : 1) * (1 - options.Margin))
        .ToArray();

    /// <summary>Standard error of (policy − alternative) profit per customer over 500 seeded bootstrap resamples.</summary>
    private double Bootstrap(bool[] policy, bool[] treated, double[] reward, double propensity, bool all)
    {
        var random = new Random(options.Seed);
        var differences = new double[500];
        for (var b = 0; b < differences.Length; b++)
        {
            var sample = Enumerable.Range(0, policy.Length).Select(_ => random.Next(policy.Length)).ToArray();
            var p = sample.Select(i => policy[i]).ToArray();
            var t = sample.Select(i => treated[i]).ToArray();
            var r = sample.Select(i => reward[i]).ToArray();
            differences[b] = PolicyValue.Estimate(p, t, r, propensity)
                - PolicyValue.Estimate(Enumerable.Repeat(all, p.Length).ToArray(), t, r, propensity);
        }

        var mean = differences.Average();
        return Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1));
    }

    public PolicyComparison Compare(string objective, CandidateResult model, CampaignData train, CampaignData test,
        double[] trainReward, double[] testReward, double propensity)
    {
        var oofCurve = PolicyValue.Curve(Uplift(model.OutOfFold), train.Treated, trainReward, propensity);
        var fraction = oofCurve.OrderByDescending(point => point.Value).ThenBy(point => point.Fraction).First().Fraction;
        var scores = Uplift(model.TestPredictions!.Value);
        var policy = PolicyValue.TreatTop(scores, fraction);
        var all = Enumerable.Repeat(true, test.Count).ToArray();
        var none = new bool[test.Count];
        var comparison = new PolicyComparison(
            objective, fraction,
            PolicyValue.Estimate(policy, test.Treated, testReward, propensity),
            PolicyValue.Estimate(all, test.Treated, testReward, propensity),
            PolicyValue.Estimate(none, test.Treated, testReward, propensity),
            Bootstrap(policy, test.Treated, testReward, propensity, all: true),
            Bootstrap(policy, test.Treated, testReward, propensity, all: false),
            oofCurve,
            PolicyValue.Curve(scores, test.Treated, testReward, propensity));
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"{objective} policy ({model.Name}, treat top {fraction:P0}): test {objective}/customer {comparison.Policy:F3} vs all {comparison.All:F3} vs none {comparison.None:F3}"));
        return comparison;
    }
}
