namespace OrleansPricing.Contracts.Campaigns;

/// <summary>
/// The campaign coordinator (key: campaign id). It owns the budget ledger: budget goes out to serving silos in leases
/// (so quotes never call it one by one), orders commit their discount spend here, and the dual prices are updated
/// online against the pacing plan from observed spend, revenue and units.
/// </summary>
[Alias("contracts.campaign")]
public interface ICampaignGrain : IGrainWithStringKey
{
    [Alias("create-or-update")]
    Task<CampaignCommandResult> SaveAsync(CampaignDefinition definition);

    [Alias("pause")]
    Task<CampaignCommandResult> SetPausedAsync(bool paused);

    /// <returns>Null when no campaign has this id.</returns>
    [Alias("get")]
    Task<CampaignView?> GetAsync();

    /// <summary>Adds up to <paramref name="requested"/> to the holder's lease and renews it.</summary>
    [Alias("lease")]
    Task<LeaseGrant> LeaseAsync(string holder, decimal requested);

    /// <returns>False, changing nothing, if the spend cannot be covered (it never can be by a valid quote).</returns>
    [Alias("commit-sale")]
    Task<bool> CommitSaleAsync(CampaignSale sale);

    [Alias("return")]
    Task ReturnAsync(string holder, decimal amount);
}
