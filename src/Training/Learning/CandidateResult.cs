using OrleansPricing.Training.Metrics;

namespace OrleansPricing.Training.Learning;

/// <summary>One learner configuration scored by cross-validation, then (if among the best) on the held-out test set.</summary>
public sealed class CandidateResult
{
    public required string MetaLearner { get; init; }
    public required LearnerSpec? Learner { get; init; }
    public required string Name { get; init; }

    /// <summary>Out-of-fold predictions on the training part: (P(buy | offer), P(buy | no offer)).</summary>
    public required (double[] Treated, double[] Control) OutOfFold { get; init; }

    public required UpliftMetrics CrossValidatedUplift { get; init; }
    public required BinaryMetrics CrossValidatedPropensity { get; init; }
    public IUpliftModel? Model { get; set; }
    public UpliftMetrics? TestUplift { get; set; }
    public BinaryMetrics? TestPropensity { get; set; }
    public (double[] Treated, double[] Control)? TestPredictions { get; set; }
}
