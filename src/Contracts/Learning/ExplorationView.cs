namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// What exploration cost over a run's decisions: the labelled decisions it used, how many were exploration draws outside
/// campaigns, their share, and the expected profit the pricing models gave up on them by their own estimates when they
/// priced them — in all and spread over every decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.exploration-view")]
public sealed record ExplorationView(
    [property: Id(0)] int Decisions,
    [property: Id(1)] int Explored,
    [property: Id(2)] double Share,
    [property: Id(3)] double EstimatedCost,
    [property: Id(4)] double CostPerDecision);
