using Microsoft.Extensions.DependencyInjection;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Grains.Scoring;

namespace OrleansPricing.Grains.Serving;

/// <summary>This silo's serving state as a grain, so that a caller can bring every silo in step at once.</summary>
[SiloTargetedPlacement]
public sealed class SiloServingGrain(IServiceProvider services, CampaignServing campaigns) : Grain, ISiloServingGrain
{
    public Task<SiloScoringStatus> SynchronizeModelsAsync() =>
        (services.GetService<ModelSynchronizer>() ?? throw new InvalidOperationException("This silo has no scoring pool (quotes priced by the model file)."))
            .SynchronizeAsync();

    public Task RefreshCampaignsAsync() => campaigns.RefreshNowAsync();
}
