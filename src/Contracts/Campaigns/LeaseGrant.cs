using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Contracts.Campaigns;

/// <summary>Budget added to a holder's lease, with the duals to price by until the next call.</summary>
[GenerateSerializer, Immutable, Alias("contracts.lease-grant")]
public sealed record LeaseGrant(
    [property: Id(0)] decimal Granted,
    [property: Id(1)] decimal HeldNow,
    [property: Id(2)] DualPrices Duals,
    [property: Id(3)] bool Active);
