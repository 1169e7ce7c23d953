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

    /// <summary>
    /// Moves the holder's lease toward <paramref name="target"/> (granting at most what is free, taking back any excess),
    /// renews it, and reports the holder's quotes committed since its last call. A paused or inactive campaign grants nothing.
    /// <paramref name="reserved"/> is what the holder has promised to open quotes, shown to admins.
    /// </summary>
    [Alias("lease")]
    Task<LeaseGrant> LeaseAsync(string holder, decimal target, decimal reserved = 0);

    /// <returns>False, changing nothing, if the spend cannot be covered (it never can be by a valid quote).</returns>
    [Alias("commit-sale")]
    Task<bool> CommitSaleAsync(CampaignSale sale);

    /// <summary>Undoes the spend of an order that could not complete. Idempotent.</summary>
    [Alias("reverse-sale")]
    Task ReverseSaleAsync(CampaignSale sale);
}
