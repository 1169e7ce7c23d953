namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// What one training run found: the best candidate (when one was trained) and every kind's figures, both models' off-line figures on the held-out
/// decisions, the paired difference in doubly robust profit per decision with its interval, the fairness table, and
/// whether the candidate should be promoted and why. <see cref="ChosenShadow"/> names the shadow version when it, not a newly
/// trained model, was the best candidate and is served as it is (then <see cref="Candidate"/> is null; a promoted shadow the
/// service learned is served as <see cref="Candidate"/>, its kind refitted); <see cref="NextTrial"/> is the new candidate
/// to put on trial when that shadow is promoted, or against the active version's kind refreshed when the run weighed a
/// candidate of another kind; <see cref="ServedDecisions"/> the labelled decisions
/// <see cref="Candidate"/> and <see cref="NextTrial"/> learned from (the judged candidates learned from <see cref="TrainingDecisions"/>); <see cref="Trial"/> what each arm of the shadow's trial earned, once each
/// arm has priced enough lines to compare; <see cref="Exploration"/> what exploration cost over the decisions the run used;
/// <see cref="BlanketCoupons"/> what a blanket coupon at each level of the grid would have earned, against the active policy;
/// <see cref="RefreshedActive"/> whether what <see cref="Promote"/> activates is the active version's own kind learned again
/// (<see cref="LearningOptions.RefreshActive"/>), not a candidate shown better.
/// </summary>
public sealed record LearningOutcome(
    ICandidateModel? Candidate,
    IReadOnlyDictionary<string, PolicyEstimate> CandidatesByKind,
    int DecisionsRead,
    int TrainingDecisions,
    int HeldOutDecisions,
    PolicyEstimate? ActiveEstimate,
    PolicyEstimate? CandidateEstimate,
    double? ListPriceProfit,
    double? DifferenceMean,
    double? DifferenceLower,
    double? DifferenceUpper,
    IReadOnlyList<FairnessRow> Fairness,
    bool Promote,
    string Reason,
    string? ChosenShadow = null,
    ICandidateModel? NextTrial = null,
    TrialComparison? Trial = null,
    ExplorationSummary? Exploration = null,
    IReadOnlyList<BlanketCoupon>? BlanketCoupons = null,
    int ServedDecisions = 0,
    bool RefreshedActive = false);
