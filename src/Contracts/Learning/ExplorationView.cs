namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// What exploration cost over a run's decisions: the labelled decisions it used, how many were exploration draws outside
/// campaigns, and the expected profit the pricing models gave up on them by their own estimates when they priced them —
/// in all, and (derived, in the API's JSON too) as the draws' share and spread over every decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.exploration-view")]
public sealed record ExplorationView(
    [property: Id(0)] int Decisions,
    [property: Id(1)] int Explored,
    [property: Id(2)] double EstimatedCost)
{
    public double Share => Decisions == 0 ? 0 : (double)Explored / Decisions;

    /// <summary>What exploring took from each quote line on average.</summary>
    public double CostPerDecision => Decisions == 0 ? 0 : EstimatedCost / Decisions;
}
