using OrleansPricing.Pricing.Learning;
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
    public static BinaryMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold, int calibrationBins = 10)
    {
        if (probabilities.Count != labels.Count || probabilities.Count == 0)
        {
            throw new ArgumentException("Need as many probabilities as labels, and at least one.");
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
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
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var calibration = CalibrationBin.Compute(probabilities, labels, calibrationBins);
        var ece = calibration.Sum(bin => bin.Count * Math.Abs(bin.MeanPredicted - bin.ObservedRate)) / labels.Count;
        return new BinaryMetrics(
            threshold, (double)(tp + tn) / labels.Count, precision, recall, f1, ClassifierMetrics.AreaUnderRoc(probabilities, labels),
            ClassifierMetrics.LogLoss(probabilities, labels), ece, calibration);
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
