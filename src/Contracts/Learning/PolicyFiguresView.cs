namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// One model's policy judged on the held-out decisions: profit per decision by self-normalized IPS and doubly robust
/// estimates, the effective sample size of the decisions agreeing with it, the mean discount it would offer, and the
/// model's AUC and log-loss on the observed outcomes.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.policy-figures-view")]
public sealed record PolicyFiguresView(
    [property: Id(0)] string Role,
    [property: Id(1)] string Model,
    [property: Id(2)] double SelfNormalizedIps,
    [property: Id(3)] double DoublyRobust,
    [property: Id(4)] double EffectiveSampleSize,
    [property: Id(5)] int AgreeingDecisions,
    [property: Id(6)] double MeanDiscount,
    [property: Id(7)] double? Auc,
    [property: Id(8)] double LogLoss);
