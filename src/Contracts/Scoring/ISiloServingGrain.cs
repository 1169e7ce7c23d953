namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// What one silo serves — its scoring pool's model versions and its campaigns — addressed by the silo (key: its
/// <c>SiloAddress.ToParsableString()</c>, the activation placed on that silo and no other): brings it in step now instead
/// of at its next poll or refresh.
/// </summary>
[Alias("contracts.silo-serving")]
public interface ISiloServingGrain : IGrainWithStringKey
{
    /// <summary>Loads the registry's active and shadow versions on this silo, if it does not serve them yet, and says what it serves.</summary>
    [Alias("synchronize-models")]
    Task<SiloScoringStatus> SynchronizeModelsAsync();

    /// <summary>Lists the campaigns and renews this silo's lease of each now: a created, paused or resumed campaign is quoted as it now is.</summary>
    [Alias("refresh-campaigns")]
    Task RefreshCampaignsAsync();
}
