using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// Keeps this silo's <see cref="ActiveModel"/> in step with the registry: polls it, loads a newly active or shadow
/// version with this silo's execution provider and swaps it in (in-flight batches finish on the old session). Seeds the
/// registry with <see cref="ScoringOptions.InitialModelPath"/> when it is empty, and reports this silo's status with its
/// decision log's (the admin API and console show both).
/// A version that fails to load here is logged and serving stays on the version it had.
/// </summary>
public sealed class ModelSynchronizer(
    IGrainFactory grains,
    ActiveModel model,
    MicroBatcher batcher,
    ScoringMetrics metrics,
    IOptions<ScoringOptions> options,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ModelSynchronizer> logger,
    DecisionLogWriter decisionLog) : BackgroundService
{
    private readonly SemaphoreSlim _round = new(1, 1);

    private string? _lastError;

    /// <summary>Versions that failed to load on this silo: not fetched and tried again on every poll.</summary>
    private readonly HashSet<string> _unloadable = new(StringComparer.Ordinal);

    private IModelRegistryGrain Registry => grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    /// <summary>
    /// Waits (up to <see cref="ScoringOptions.StartupModelWait"/>) until this silo serves a model before the host goes on
    /// starting, so the gateway does not take quotes the pool cannot price yet.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.Value.StartupModelWait);
        while (model.ActiveVersion is null && !wait.IsCancellationRequested)
        {
            try
            {
                await SynchronizeAsync();
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException or InvalidOperationException)
            {
                _lastError = exception.Message;
            }

            if (model.ActiveVersion is null)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, wait.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (model.ActiveVersion is null)
        {
            ScoringLog.NoModelAtStart(logger, _lastError);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SynchronizeAsync();
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException or InvalidOperationException)
            {
                // The silo may still be joining the cluster; try again at the next tick.
                _lastError = exception.Message;
            }

            try
            {
                await Task.Delay(options.Value.RegistryPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One round: seed if empty, follow the active and shadow versions, report. One round at a time: the poll and a
    /// caller who wants this silo in step now (<c>SiloServingGrain</c>) would otherwise load a version twice.
    /// </summary>
    public async Task<SiloScoringStatus> SynchronizeAsync()
    {
        await _round.WaitAsync();
        try
        {
            return await SynchronizeOnceAsync();
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task<SiloScoringStatus> SynchronizeOnceAsync()
    {
        var view = await Registry.GetAsync();
        if (view.Active is null)
        {
            view = await SeedAsync() ?? view;
        }

        if (view.Active is { } active && active != model.ActiveVersion && await LoadAsync(active) is { } scorer)
        {
            model.Activate(scorer);
            ScoringLog.ModelActivated(logger, active, scorer.Provider.Provider);
            if (scorer.Provider.FallbackReason is { } reason)
            {
                ScoringLog.ProviderFallback(logger, reason);
            }
        }

        if (view.Shadow != model.ShadowVersion && (view.Shadow is null || !_unloadable.Contains(view.Shadow)))
        {
            model.SetShadow(view.Shadow is null ? null : await LoadAsync(view.Shadow));
            ScoringLog.ShadowSet(logger, model.ShadowVersion);
        }

        var shadowLog = batcher.ShadowLog;
        var status = new SiloScoringStatus(
            silo.Name, model.Provider?.Provider, model.Provider?.FallbackReason ?? model.Provider?.AutoReason, model.ActiveVersion, model.ShadowVersion,
            metrics.Batches, metrics.Rows, metrics.MeanBatchRows, metrics.Shed, metrics.DeadlineExceeded,
            shadowLog.Count > 0 ? shadowLog.Average(c => c.MeanAbsoluteDifference) : null, _lastError, time.GetUtcNow(), decisionLog.Status());
        await Registry.ReportSiloAsync(status);
        return status;
    }

    private async Task<OnnxScorer?> LoadAsync(string version)
    {
        if (_unloadable.Contains(version))
        {
            return null;
        }

        var package = await Registry.GetPackageAsync(version);
        if (package is null)
        {
            return null;
        }

        try
        {
            var scorer = OnnxScorer.Load(package.Onnx, version, options.Value);
            _lastError = null;
            return scorer;
        }
        catch (Exception exception) when (exception is InvalidScoringModelException or InvalidOperationException)
        {
            _lastError = exception.Message;
            _unloadable.Add(version);
            ScoringLog.LoadFailed(logger, version, model.ActiveVersion, exception);
            return null;
        }
    }

    private async Task<ModelRegistryView?> SeedAsync()
    {
        var path = ModelFiles.Resolve(options.Value.InitialModelPath);
        ModelUpload upload;
        if (Path.GetExtension(path) == ".json")
        {
            // A logistic model file (the hand-set prior by default) becomes the first registered version: served through
            // the pool, activated, shadowed and rolled back like any learned model.
            if (!File.Exists(path))
            {
                _lastError = $"The registry is empty and the initial model '{path}' is missing.";
                return null;
            }

            var logistic = LogisticResponseModel.Load(path);
            upload = new ModelUpload($"{logistic.Info.ModelId}-{logistic.Info.Version}", LogisticOnnx.Export(logistic), LogisticOnnx.Card(logistic, "logistic prior (model file)"));
        }
        else
        {
            var cardPath = Path.ChangeExtension(path, ".card.json");
            if (!File.Exists(path) || !File.Exists(cardPath))
            {
                _lastError = $"The registry is empty and the initial model '{path}' (with its .card.json) is missing.";
                return null;
            }

            var card = await File.ReadAllTextAsync(cardPath);
            var version = JsonDocument.Parse(card).RootElement.GetProperty("version").GetString() ?? "initial";
            upload = new ModelUpload(version, await File.ReadAllBytesAsync(path), card);
        }

        var uploaded = await Registry.UploadAsync(upload);
        if (!uploaded.Ok)
        {
            _lastError = uploaded.Error;
            return null;
        }

        // Every silo may seed at once: the registry accepts the same version twice, and activating it twice is a no-op.
        return (await Registry.ActivateAsync(upload.Version)).View;
    }
}
