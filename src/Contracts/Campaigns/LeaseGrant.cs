namespace OrleansPricing.Contracts.Campaigns;

/// <summary>
/// The coordinator's answer to a lease call: what the holder now holds, the quotes of the holder that orders committed
/// since its last call, the campaign and its duals to price by until the next call.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.lease-grant")]
public sealed record LeaseGrant(
    [property: Id(0)] decimal Held,
    [property: Id(1)] IReadOnlyList<string> CommittedQuotes,
    [property: Id(2)] CampaignDuals Duals,
    [property: Id(3)] bool Active,
    [property: Id(4)] CampaignDefinition? Definition);
