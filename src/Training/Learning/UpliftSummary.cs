using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Learning;

public sealed record UpliftSummary(
    CampaignData Data,
    CampaignData Train,
    CampaignData Test,
    IReadOnlyList<CandidateResult> Candidates,
    IReadOnlyList<CandidateResult> Finalists,
    string PolicyModel,
    IReadOnlyList<PolicyComparison> Policies,
    OnnxParity Parity,
    IReadOnlyList<(string Column, double AucDrop)> Importance,
    IReadOnlyList<FairnessRow> Fairness,
    TimeSpan Elapsed);
