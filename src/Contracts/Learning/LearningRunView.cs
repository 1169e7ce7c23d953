namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// One training run: what triggered it, what it read, both models' figures, the candidate's profit difference per
/// decision over the active model with its confidence interval, the fairness table, whether it promoted and why, and —
/// while a shadow version was on trial — what each arm of the trial earned; what exploration cost; and what a blanket
/// coupon at each level of the grid would have earned against the active policy; and the steps it took, each with the
/// seconds since it began (so far, while it runs).
/// </summary>
/// <param name="Refreshed">
/// Whether the version <paramref name="Promoted"/> activated is the active version's own kind learned again from every
/// decision (<c>Learning:RefreshActive</c>) rather than a candidate shown better than it; false in a record written
/// before 2026-12-06.
/// </param>
[GenerateSerializer, Immutable, Alias("contracts.learning-run-view")]
public sealed record LearningRunView(
    [property: Id(0)] string RunId,
    [property: Id(1)] LearningRunStatus Status,
    [property: Id(2)] string Trigger,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] bool Promoted,
    [property: Id(6)] string? ActiveModel,
    [property: Id(7)] string? CandidateModel,
    [property: Id(8)] string? Reason,
    [property: Id(9)] int DecisionsRead,
    [property: Id(10)] int TrainingDecisions,
    [property: Id(11)] int HeldOutDecisions,
    [property: Id(12)] IReadOnlyList<PolicyFiguresView> Candidates,
    [property: Id(13)] double? ListPriceProfit,
    [property: Id(14)] double? ProfitDifference,
    [property: Id(15)] double? ProfitDifferenceLower,
    [property: Id(16)] double? ProfitDifferenceUpper,
    [property: Id(17)] IReadOnlyList<FairnessRowView> Fairness,
    [property: Id(18)] TrialComparisonView? Trial = null,
    [property: Id(19)] ExplorationView? Exploration = null,
    [property: Id(20)] IReadOnlyList<BlanketCouponView>? BlanketCoupons = null,
    [property: Id(21)] IReadOnlyList<LearningStepView>? Steps = null,
    [property: Id(22)] bool Refreshed = false);
