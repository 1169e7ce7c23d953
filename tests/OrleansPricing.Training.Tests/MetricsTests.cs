using OrleansPricing.Pricing.Learning;
using OrleansPricing.Training.Metrics;

namespace OrleansPricing.Training.Tests;

/// <summary>Every metric against values worked by hand (the arithmetic is in the comments).</summary>
public sealed class MetricsTests
{
    [Fact]
    public void Auc_counts_correctly_ordered_pairs()
    {
        // Positives {0.35, 0.8} vs negatives {0.1, 0.4}: 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 → 3 of 4 pairs.
        Assert.Equal(0.75, ClassifierMetrics.AreaUnderRoc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
        // A tie counts one half.
        Assert.Equal(0.5, ClassifierMetrics.AreaUnderRoc([0.5, 0.5], [true, false]), 12);
    }

    [Fact]
    public void Threshold_metrics_and_log_loss()
    {
        // At 0.5: 0.9 → TP, 0.6 → FP, 0.4 → FN, 0.2 → TN.
        var metrics = BinaryMetrics.Compute([0.9, 0.6, 0.4, 0.2], [true, false, true, false], 0.5);

        Assert.Equal(0.5, metrics.Accuracy, 12);
        Assert.Equal(0.5, metrics.Precision, 12);
        Assert.Equal(0.5, metrics.Recall, 12);
        Assert.Equal(0.5, metrics.F1, 12);
        // −(ln 0.9 + ln 0.4 + ln 0.4 + ln 0.8) / 4
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4) + Math.Log(0.4) + Math.Log(0.8)) / 4, metrics.LogLoss, 12);
    }

    [Fact]
    public void Calibration_bins_and_expected_calibration_error()
    {
        // Bin [0.1,0.2): 0.1 and 0.15 (mean 0.125), one positive → 0.5. Bin [0.9,1]: 0.95, positive → 1.
        var metrics = BinaryMetrics.Compute([0.1, 0.15, 0.95], [true, false, true], 0.5, calibrationBins: 10);

        Assert.Equal(2, metrics.Calibration.Count);
        Assert.Equal(new CalibrationBin(0.1, 0.2, 2, 0.125, 0.5), metrics.Calibration[0]);
        // ECE = (2·|0.125 − 0.5| + 1·|0.95 − 1|) / 3 = (0.75 + 0.05) / 3
        Assert.Equal(0.8 / 3, metrics.ExpectedCalibrationError, 12);
    }

    // Ranked by predicted uplift: arms T C T C T C, outcomes 1 0 1 1 0 0.
    private static readonly double[] Scores = [0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    private static readonly bool[] Treated = [true, false, true, false, true, false];
    private static readonly double[] Outcome = [1, 0, 1, 1, 0, 0];

    [Fact]
    public void Qini_and_uplift_curves()
    {
        var metrics = UpliftMetrics.Compute(Scores, Treated, Outcome);

        // Q(k) = Yt − Yc·Nt/Nc: k=1 → 1 (no control yet), 2 → 1, 3 → 2, 4 → 2 − 1·2/2 = 1, 5 → 2 − 1·3/2 = 0.5, 6 → 2 − 1 = 1.
        Assert.Equal([0, 1, 1, 2, 1, 0.5, 1], metrics.QiniCurve);
        // U(k) = (Yt/Nt − Yc/Nc)·k: 0, 2, 3, 2, (2/3 − 1/2)·5, (2/3 − 1/3)·6.
        double[] expectedUplift = [0, 0, 2, 3, 2, 5.0 / 6, 2];
        Assert.All(expectedUplift.Zip(metrics.UpliftCurve), pair => Assert.Equal(pair.First, pair.Second, 12));
        // Σ (Q(k) − k/6·Q(6)) = 5/6 + 4/6 + 3/2 + 1/3 − 1/3 + 0 = 3 → 3/36.
        Assert.Equal(3.0 / 36, metrics.QiniCoefficient, 12);
        // Σ (U(k) − k/6·2) = −1/3 + 4/3 + 2 + 2/3 − 5/6 + 0 = 17/6 → (17/6)/36.
        Assert.Equal(17.0 / 6 / 36, metrics.Auuc, 12);
        // Top ⌈0.3·6⌉ = 2: treated 1/1, control 0/1. Top ⌈0.1·6⌉ = 1 has no control → undefined.
        Assert.Equal(1.0, metrics.UpliftAt30, 12);
        Assert.True(double.IsNaN(metrics.UpliftAt10));
        // Perfect ranking: T1 T1 (rows 0, 2), the zeros C T C (rows 1, 4, 5), then C1 (row 3). Q = 1, 2, 2, 2, 2, 1;
        // Σ (Q(k) − k/6) = 5/6 + 10/6 + 9/6 + 8/6 + 7/6 + 0 = 39/6 → normalized Qini = (3/36) / ((39/6)/36) = 6/13.
        Assert.Equal(6.0 / 13, metrics.NormalizedQini, 12);
    }

    [Fact]
    public void A_perfect_ranking_has_a_normalized_qini_of_one()
    {
        var perfect = UpliftMetrics.Compute([0.9, 0.5, 0.8, 0.1, 0.6, 0.4], Treated, Outcome);

        Assert.Equal(1.0, perfect.NormalizedQini, 12);
    }

    [Fact]
    public void Reversing_the_ranking_lowers_the_qini_coefficient()
    {
        var worst = UpliftMetrics.Compute(Scores.Reverse().ToArray(), Treated, Outcome);
        var best = UpliftMetrics.Compute(Scores, Treated, Outcome);

        Assert.True(best.QiniCoefficient > worst.QiniCoefficient);
    }

    [Fact]
    public void Inverse_propensity_weighted_policy_value()
    {
        // Policy treats rows 0 and 1. Agreeing rows: 0 (treated, reward 1), 3 (control, reward 1), 5 (control, 0).
        // V = (1/0.5 + 1/0.5 + 0) / 6 = 4/6.
        Assert.Equal(4.0 / 6, PolicyValue.Estimate([true, true, false, false, false, false], Treated, Outcome, 0.5), 12);
        // Treat-all: treated rows 0, 2, 4 → (1 + 1 + 0)/0.5 / 6 = 4/6; treat-none: control rows 1, 3, 5 → 1/0.5/6 = 2/6.
        Assert.Equal(4.0 / 6, PolicyValue.Estimate(Enumerable.Repeat(true, 6).ToArray(), Treated, Outcome, 0.5), 12);
        Assert.Equal(2.0 / 6, PolicyValue.Estimate(new bool[6], Treated, Outcome, 0.5), 12);
        Assert.Equal([true, true, true, false, false, false], PolicyValue.TreatTop(Scores, 0.5));
    }
}
