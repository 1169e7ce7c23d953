namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// One group of customers on the held-out decisions — a segment (dimension "segment") or a value of a registered
/// protected attribute — with conversion, and the mean discount logged, offered by the active model's policy and by the
/// candidate's; judged: whether the bounds on the disparity weigh it (enough held-out decisions, a registered value, not a pooled row).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.fairness-row-view")]
public sealed record FairnessRowView(
    [property: Id(0)] string Dimension,
    [property: Id(1)] string Group,
    [property: Id(2)] int Decisions,
    [property: Id(3)] double ConversionRate,
    [property: Id(4)] double LoggedMeanDiscount,
    [property: Id(5)] double ActiveMeanDiscount,
    [property: Id(6)] double CandidateMeanDiscount,
    [property: Id(7)] bool Judged);
