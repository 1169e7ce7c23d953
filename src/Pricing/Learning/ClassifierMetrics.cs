namespace OrleansPricing.Pricing.Learning;

/// <summary>How well probabilities rank and fit 0/1 outcomes; shared by the learning service and the training CLI.</summary>
public static class ClassifierMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1−ε] for log-loss so one confident miss cannot make it infinite.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>Area under the ROC curve as the Mann–Whitney statistic; tied scores count one half; NaN with one class only.</summary>
    public static double AreaUnderRoc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = averageRank;
            }

            i = j + 1;
        }

        double positives = labels.Count(label => label);
        double negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var positiveRankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i]).Sum(i => ranks[i]);
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Mean log-loss; 0 for no outcomes.</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels) =>
        labels.Count == 0 ? 0 : -Enumerable.Range(0, labels.Count).Average(i =>
        {
            var p = Math.Clamp(probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            return labels[i] ? Math.Log(p) : Math.Log(1 - p);
        });
}
