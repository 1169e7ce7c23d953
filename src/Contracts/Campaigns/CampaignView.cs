namespace OrleansPricing.Contracts.Campaigns;

/// <summary>
/// A campaign as admins read it: money committed and leased out, results by arm (<see cref="Revenue"/> and
/// <see cref="TreatmentConversions"/> for treatment, the holdout's beside them), and the current dual prices.
/// <see cref="Leased"/> is budget handed to silos; of it, <see cref="ReservedForOpenQuotes"/> is what they reported at
/// their last lease call as promised to open quotes. <see cref="SpendHistory"/> is spend over time, at most
/// <c>CampaignState.SpendHistoryPoints</c> + 1 points (the last change in each slice of the campaign's window).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-view")]
public sealed record CampaignView(
    [property: Id(0)] CampaignDefinition Definition,
    [property: Id(1)] bool Paused,
    [property: Id(2)] decimal Spent,
    [property: Id(3)] decimal Leased,
    [property: Id(4)] decimal Available,
    [property: Id(5)] decimal PlannedSpend,
    [property: Id(6)] decimal Revenue,
    [property: Id(7)] int Units,
    [property: Id(8)] int TreatmentConversions,
    [property: Id(9)] int HoldoutConversions,
    [property: Id(10)] CampaignDuals Duals,
    [property: Id(11)] IReadOnlyDictionary<string, decimal> LeasesByHolder,
    [property: Id(12)] decimal HoldoutRevenue,
    [property: Id(13)] decimal ReservedForOpenQuotes,
    [property: Id(14)] IReadOnlyList<SpendPoint>? SpendHistory = null);
