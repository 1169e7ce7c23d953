namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// A blanket coupon judged on a run's held-out decisions — every line <see cref="Discount"/> off, or the deepest level
/// below it the product's floor and the maxima allow: its profit per decision by self-normalized IPS and doubly robust
/// estimates, the effective sample size of the decisions agreeing with it, the mean discount it would offer, and the
/// active policy's paired difference from it (active − coupon) with its interval at the promotion's confidence, and which
/// of the two that shows better by the promotion rule's tests ("active" or "coupon"; null: neither).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.blanket-coupon-view")]
public sealed record BlanketCouponView(
    [property: Id(0)] double Discount,
    [property: Id(1)] double SelfNormalizedIps,
    [property: Id(2)] double DoublyRobust,
    [property: Id(3)] double EffectiveSampleSize,
    [property: Id(4)] int AgreeingDecisions,
    [property: Id(5)] double MeanDiscount,
    [property: Id(6)] double ActiveDifference,
    [property: Id(7)] double ActiveDifferenceLower,
    [property: Id(8)] double ActiveDifferenceUpper,
    [property: Id(9)] string? ShownBetter);
