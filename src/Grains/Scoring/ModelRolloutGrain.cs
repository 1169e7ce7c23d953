using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// Asks each active silo's <see cref="IModelServingGrain"/> to load the registry's versions now. Why: a learning run
/// that reports "completed, promoted" is read as "the new model prices quotes now"; measured with a shop simulator
/// driving the HTTP API in real time, up to half of the next 3,000 quotes were still priced by the model before the
/// run, the silos following the registry only at their next poll (docs/learning.md).
/// </summary>
[StatelessWorker]
public sealed class ModelRolloutGrain : Grain, IModelRolloutGrain
{
    /// <summary>How long one silo may take to load a version (an ONNX session: well under a second for the models served).</summary>
    public static readonly TimeSpan SiloWait = TimeSpan.FromSeconds(30);

    public async Task<string> RollOutAsync()
    {
        var registry = await GrainFactory.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default).GetAsync();
        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.ToList();
        var lagging = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                var status = await GrainFactory.GetGrain<IModelServingGrain>(silo.ToParsableString()).SynchronizeAsync().WaitAsync(SiloWait);
                return status.ActiveVersion == registry.Active && status.ShadowVersion == registry.Shadow
                    ? null
                    : $"{status.Silo} serves {status.ActiveVersion ?? "no model"} with shadow {status.ShadowVersion ?? "none"}{(status.LastLoadError is { } error ? $" ({error})" : "")}";
            }
            catch (Exception exception)
            {
                // The registry has changed already; a silo that cannot be reached now follows it at its next poll.
                return $"{silo}: {exception.Message}";
            }
        }));
        var notServing = lagging.OfType<string>().ToList();
        return notServing.Count == 0
            ? $"Served by every silo ({silos.Count})."
            : $"Not served yet by {notServing.Count} of {silos.Count} silos ({string.Join("; ", notServing)}); they follow the registry at their next poll.";
    }
}
