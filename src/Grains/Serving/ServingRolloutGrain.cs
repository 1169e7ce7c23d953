using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Grains.Serving;

/// <summary>
/// Asks each active silo's <see cref="ISiloServingGrain"/> to take a change up now. Why: a learning run that reports
/// "completed, promoted" is read as "the new model prices quotes now"; measured with a shop simulator driving the HTTP
/// API in real time, up to half of the next 3,000 quotes were still priced by the model before the run, the silos
/// following the registry only at their next poll (docs/learning.md). Likewise a campaign just created through the
/// admin API: of a probe's next 400 quotes on its SKU, 364 were priced as if it did not exist.
/// </summary>
[StatelessWorker]
public sealed class ServingRolloutGrain : Grain, IServingRolloutGrain
{
    /// <summary>
    /// How long one silo may take to load a version or renew its leases: less than a grain call's default timeout (30 s),
    /// so that the caller hears which silo lagged rather than a timeout.
    /// </summary>
    private static readonly TimeSpan SiloWait = TimeSpan.FromSeconds(10);

    public async Task<string> RollOutModelsAsync()
    {
        // Read before the silos synchronize, so each is judged against the versions it was asked to load.
        var registry = await GrainFactory.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default).GetAsync();
        return await OnEverySiloAsync(silos => $"Served by every silo ({silos}).", async silo =>
        {
            var status = await silo.SynchronizeModelsAsync();
            return status.ActiveVersion == registry.Active && status.ShadowVersion == registry.Shadow
                ? null
                : $"{status.Silo} serves {status.ActiveVersion ?? "no model"} with shadow {status.ShadowVersion ?? "none"}{(status.LastLoadError is { } error ? $" ({error})" : "")}";
        });
    }

    public Task<string> RollOutCampaignsAsync() => OnEverySiloAsync(silos => $"Every silo ({silos}) quotes the campaigns as they now are.", async silo =>
    {
        await silo.RefreshCampaignsAsync();
        return null;
    });

    /// <param name="inStep">The answer when every silo is in step, given their number.</param>
    /// <param name="step">What a silo returns: null when it is in step, else what it serves instead.</param>
    private async Task<string> OnEverySiloAsync(Func<int, string> inStep, Func<ISiloServingGrain, Task<string?>> step)
    {
        List<SiloAddress> silos;
        try
        {
            silos = [.. (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys];
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            // Never fails the caller, whose change is made already (a rollback retried would roll back twice).
            return $"The silos were not listed ({exception.Message}); they take the change up at their next poll or refresh.";
        }

        var lagging = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                return await step(GrainFactory.GetGrain<ISiloServingGrain>(silo.ToParsableString())).WaitAsync(SiloWait);
            }
            catch (Exception exception)
            {
                // The change is made already; a silo that cannot be reached now takes it up at its next poll or refresh.
                return $"{silo}: {exception.Message}";
            }
        }));
        var notInStep = lagging.OfType<string>().ToList();
        return notInStep.Count == 0
            ? inStep(silos.Count)
            : $"Not yet by {notInStep.Count} of {silos.Count} silos ({string.Join("; ", notInStep)}); they take it up at their next poll or refresh.";
    }
}
