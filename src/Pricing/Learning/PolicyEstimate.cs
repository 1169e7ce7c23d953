namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// What a model's greedy policy would have earned per decision on held-out decisions, estimated off-line:
/// self-normalized inverse propensity scoring, doubly robust (the model's own expected profit as the direct part), the
/// effective sample size of the decisions that agree with it, the mean discount it would offer, and the model's AUC
/// (null when the held-out decisions have one outcome only) and log-loss on the observed outcomes.
/// </summary>
public sealed record PolicyEstimate(
    double SelfNormalizedIps,
    double DoublyRobust,
    double EffectiveSampleSize,
    int Agreeing,
    double MeanDiscount,
    double? Auc,
    double LogLoss);
