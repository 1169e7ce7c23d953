namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// What exploration cost over a run's decisions: the labelled decisions it used, how many were exploration draws outside
/// campaigns, and the expected profit the pricing models gave up on them by their own estimates when they priced them —
/// in all, and (derived, in the API's JSON too) as the draws' share and spread over every decision; and the draws among
/// the held-out decisions, with what the serving models estimated they gave up and what the run's first candidate,
/// trained on older decisions, estimates (the serving models' figure runs high: the level replaced was their own best).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.exploration-view")]
public sealed record ExplorationView(
    [property: Id(0)] int Decisions,
    [property: Id(1)] int Explored,
    [property: Id(2)] double EstimatedCost,
    [property: Id(3)] int HeldOutDraws = 0,
    [property: Id(4)] double HeldOutServingCost = 0,
    [property: Id(5)] double HeldOutCandidateCost = 0)
{
    public double Share => Decisions == 0 ? 0 : (double)Explored / Decisions;

    /// <summary>What exploring took from each quote line on average.</summary>
    public double CostPerDecision => Decisions == 0 ? 0 : EstimatedCost / Decisions;
}
