using OrleansPricing.Training.Data;
using OrleansPricing.Training.Metrics;

namespace OrleansPricing.Training.Learning;

/// <summary>What every step of the uplift experiment reads off a pair of predictions (buy if treated, buy if not).</summary>
public static class UpliftPredictions
{
    public static double[] Uplift((double[] Treated, double[] Control) p) => p.Treated.Select((t, i) => t - p.Control[i]).ToArray();

    public static double[] Observed((double[] Treated, double[] Control) p, CampaignData rows) =>
        rows.Treated.Select((t, i) => t ? p.Treated[i] : p.Control[i]).ToArray();

    public static BinaryMetrics Propensity((double[] Treated, double[] Control) p, CampaignData rows, double threshold) =>
        BinaryMetrics.Compute(Observed(p, rows), rows.Outcome, threshold);

    public static (double[] Treated, double[] Control) Average(IReadOnlyList<(double[] Treated, double[] Control)> predictions) =>
        (Enumerable.Range(0, predictions[0].Treated.Length).Select(i => predictions.Average(p => p.Treated[i])).ToArray(),
         Enumerable.Range(0, predictions[0].Treated.Length).Select(i => predictions.Average(p => p.Control[i])).ToArray());
}
