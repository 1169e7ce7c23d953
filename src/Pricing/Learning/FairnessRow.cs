namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// One group of customers on the held-out decisions — a segment (<see cref="Dimension"/> "segment") or a value of a
/// protected attribute the shop registered (e.g. "gender") — with how often it bought, and the mean discount logged,
/// offered by the active model's policy and by the candidate's. <see cref="Judged"/>: whether the bounds on the disparity
/// (Learning:MaxSegmentDiscountGap, MaxGroupDiscountGap) weigh this group — it has at least
/// Learning:MinFairnessGroupDecisions held-out decisions and is a registered value; a group of a few decisions has
/// whatever mean discount those few were quoted, and is reported only. A pooled row is not judged as a whole.
/// </summary>
public sealed record FairnessRow(
    string Dimension, string Group, int Decisions, double ConversionRate, double LoggedMeanDiscount, double ActiveMeanDiscount, double CandidateMeanDiscount,
    bool Judged);
