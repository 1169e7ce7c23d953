namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// One silo's scoring pool, addressed by the silo (key: its <c>SiloAddress.ToParsableString()</c>, the activation placed
/// on that silo and no other): brings the pool in step with the registry now instead of at its next poll.
/// </summary>
[Alias("contracts.model-serving")]
public interface IModelServingGrain : IGrainWithStringKey
{
    /// <summary>Loads the registry's active and shadow versions on this silo, if it does not serve them yet, and says what it serves.</summary>
    [Alias("synchronize")]
    Task<SiloScoringStatus> SynchronizeAsync();
}
