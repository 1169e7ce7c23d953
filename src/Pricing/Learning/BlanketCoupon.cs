namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A blanket coupon judged on a run's held-out decisions: every line quoted <see cref="Discount"/> off, or the deepest
/// level below it that the product's floor and the maxima allow — the shop's plainest alternative to personal prices.
/// Its profit per decision by self-normalized IPS and doubly robust estimates, the effective sample size of the decisions
/// that agree with it, the mean discount it would offer after those limits, and the active policy's paired doubly robust
/// difference from it (active − coupon) with its interval at the promotion's confidence; <see cref="ShownBetter"/> names
/// the one shown better by the promotion rule's tests ("active" or "coupon"), null when neither is.
/// </summary>
public sealed record BlanketCoupon(
    double Discount,
    double SelfNormalizedIps,
    double DoublyRobust,
    double EffectiveSampleSize,
    int Agreeing,
    double MeanDiscount,
    double ActiveDifference,
    double ActiveDifferenceLower,
    double ActiveDifferenceUpper,
    string? ShownBetter);
