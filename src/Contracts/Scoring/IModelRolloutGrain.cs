namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// Brings every active silo's scoring pool in step with the registry now, instead of at each silo's next poll
/// (<c>Scoring:RegistryPollInterval</c>): what the learning service and the admin API call after they change the
/// active or shadow version, so that the change prices the next quote (key: 0).
/// </summary>
[Alias("contracts.model-rollout")]
public interface IModelRolloutGrain : IGrainWithIntegerKey
{
    /// <summary>Every active silo loads the registry's versions; the answer says, in words, whether every one serves them, or names those that do not yet.</summary>
    [Alias("roll-out")]
    Task<string> RollOutAsync();
}
