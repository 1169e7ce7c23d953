namespace OrleansPricing.Contracts.Campaigns;

/// <summary>The campaign's committed discount spend and treatment revenue as of <see cref="At"/>: one point of its pacing chart.</summary>
[GenerateSerializer, Immutable, Alias("contracts.spend-point")]
public sealed record SpendPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] decimal Spent,
    [property: Id(2)] decimal Revenue);
