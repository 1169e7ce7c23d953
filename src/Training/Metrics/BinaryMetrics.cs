namespace OrleansPricing.Training.Metrics;

/// <summary>Classification quality of purchase-probability predictions.</summary>
public sealed record BinaryMetrics(
    double Threshold,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double Auc,
    double LogLoss,
    double ExpectedCalibrationError,
    IReadOnlyList<CalibrationBin> Calibration)
{
    /// <summary>Probabilities are clipped to [ε, 1−ε] for log-loss so one confident miss cannot make it infinite.</summary>
    public const double LogLossEpsilon = 1e-15;

    public static BinaryMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold, int calibrationBins = 10)
    {
        if (probabilities.Count != labels.Count || probabilities.Count == 0)
        {
            throw new ArgumentException("Need as many probabilities as labels, and at least one.");
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = probabilities[i] >= threshold;
            (tp, fp, tn, fn) = (predicted, labels[i]) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
            var p = Math.Clamp(probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            logLoss -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var calibration = CalibrationBin.Compute(probabilities, labels, calibrationBins);
        var ece = calibration.Sum(bin => bin.Count * Math.Abs(bin.MeanPredicted - bin.ObservedRate)) / labels.Count;
        return new BinaryMetrics(
            threshold, (double)(tp + tn) / labels.Count, precision, recall, f1, AreaUnderRoc(probabilities, labels),
            logLoss / labels.Count, ece, calibration);
    }

    /// <summary>Area under the ROC curve as the Mann–Whitney statistic; tied scores count one half.</summary>
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

    /// <summary>Points (false-positive rate, true-positive rate) of the ROC curve, one per distinct threshold.</summary>
    public static IReadOnlyList<(double Fpr, double Tpr)> RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        double positives = labels.Count(label => label);
        double negatives = labels.Count - positives;
        var points = new List<(double, double)> { (0, 0) };
        int tp = 0, fp = 0;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            if (labels[order[i]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (i + 1 == order.Length || scores[order[i + 1]] != scores[order[i]])
            {
                points.Add((fp / negatives, tp / positives));
            }
        }

        return points;
    }

    /// <summary>The threshold in [0, 1] (step 0.01) with the best F1: chosen on training folds, then applied to held-out rows.</summary>
    public static double BestF1Threshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels) =>
        Enumerable.Range(1, 99).Select(step => step / 100.0)
            .OrderByDescending(threshold => Compute(probabilities, labels, threshold, 1).F1)
            .ThenBy(threshold => threshold)
            .First();
}
