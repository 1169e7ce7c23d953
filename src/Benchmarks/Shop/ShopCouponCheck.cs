namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// What a training run reported of the blanket 10% coupon and of list price on its held-out decisions, beside the truth
/// on the same lines: the coupon's doubly robust estimate and its true expected profit a line, list price's the same,
/// the active policy's estimated difference from the coupon with its interval and verdict, and the true difference on
/// the lines the active version priced (exploration draws included). docs/learning.md, "Against a blanket coupon".
/// </summary>
internal sealed record ShopCouponCheck(
    double Estimated, double True, double ListEstimated, double ListTrue, double EffectiveSampleSize,
    double Difference, double Lower, double Upper, string? ShownBetter, double TrueDifference)
{
    /// <summary>Whether the interval leaves 0 out on the side the truth is on; null when it holds 0.</summary>
    public bool? IntervalRight => Lower > 0 ? TrueDifference > 0 : Upper < 0 ? TrueDifference < 0 : null;

    /// <summary>Whether the verdict is on the truth's side; null when neither was shown better.</summary>
    public bool? VerdictRight => ShownBetter switch { "active" => TrueDifference > 0, "coupon" => TrueDifference < 0, _ => null };
}
