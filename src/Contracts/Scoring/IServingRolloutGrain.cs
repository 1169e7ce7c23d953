namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// Brings every active silo in step now with a change made elsewhere, instead of at each silo's next poll
/// (<c>Scoring:RegistryPollInterval</c>) or refresh (<c>Campaigns:RefreshInterval</c>): what the learning service and the
/// admin API call after they change the model registry or a campaign, so that the change prices the next quote (key: 0).
/// </summary>
[Alias("contracts.serving-rollout")]
public interface IServingRolloutGrain : IGrainWithIntegerKey
{
    /// <summary>Every active silo loads the registry's versions; the answer says, in words, whether every one serves them, or names those that do not yet.</summary>
    [Alias("roll-out-models")]
    Task<string> RollOutModelsAsync();

    /// <summary>Every active silo refreshes its campaigns; the answer says, in words, whether every one did, or names those that did not.</summary>
    [Alias("roll-out-campaigns")]
    Task<string> RollOutCampaignsAsync();
}
