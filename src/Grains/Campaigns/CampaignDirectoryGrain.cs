using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Campaigns;

namespace OrleansPricing.Grains.Campaigns;

/// <summary>Every campaign id with its end, persisted: serving silos list the live ones at each refresh.</summary>
public sealed class CampaignDirectoryGrain(
    [PersistentState("campaign-directory", PricingStorage.Name)] IPersistentState<CampaignDirectoryState> state) : Grain, ICampaignDirectoryGrain
{
    public async Task RegisterAsync(string campaignId, DateTimeOffset end)
    {
        if (state.State.EndById.TryGetValue(campaignId, out var known) && known == end)
        {
            return;
        }

        state.State.EndById[campaignId] = end;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<string>> ListAsync(DateTimeOffset endedBefore) =>
        Task.FromResult<IReadOnlyList<string>>(
            state.State.EndById.Where(pair => pair.Value > endedBefore).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList());
}
