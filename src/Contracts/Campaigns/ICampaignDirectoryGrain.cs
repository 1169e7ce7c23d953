namespace OrleansPricing.Contracts.Campaigns;

/// <summary>The ids of all campaigns (one instance, key <see cref="Key"/>): serving silos read it to find what to lease.</summary>
[Alias("contracts.campaign-directory")]
public interface ICampaignDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("register")]
    Task RegisterAsync(string campaignId, DateTimeOffset end);

    /// <summary>Campaigns whose window has not ended before <paramref name="endedBefore"/>.</summary>
    [Alias("list")]
    Task<IReadOnlyList<string>> ListAsync(DateTimeOffset endedBefore);
}
