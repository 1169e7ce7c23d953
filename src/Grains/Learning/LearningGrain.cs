using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Learning;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Grains.Scoring;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Pricing.Segmentation;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Learning;

/// <summary>
/// The learning service. A run reads the decision log, trains an inverse-propensity-weighted logistic candidate, judges
/// it and the registry's active version off-line on the most recent decisions (<see cref="LearningRun"/>), registers the
/// candidate as the shadow version and activates it only when the promotion rule holds. The registry is changed only at
/// the end of a run that succeeded, so a run that fails — or whose silo dies — leaves serving as it was.
/// </summary>
public sealed class LearningGrain(
    [PersistentState("learning", PricingStorage.Name)] IPersistentState<LearningState> state,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    IOptions<LearningOptions> learning,
    IOptions<PricingOptions> pricing,
    DecisionLogWriter decisionLog,
    ICustomerSegmenter segmenter,
    PricingMetrics metrics,
    ILogger<LearningGrain> logger) : Grain, ILearningGrain, IDisposable
{
    private Task? _running;

    /// <summary>
    /// What the running run is doing, written by its training thread and shown as its reason while it runs (the run's
    /// state is the grain's, changed on the grain's scheduler only; this is not persisted).
    /// </summary>
    private volatile string? _progress;

    /// <summary>
    /// The running run's steps so far, each with the wall-clock seconds since it began (written by its training threads
    /// under <see cref="_stepsLock"/>, so they stay in time order; kept in the run's record when it ends). A run reports a
    /// fixed sequence of steps — some twenty — so the record stays small.
    /// </summary>
    private List<LearningStepView> _steps = [];

    private readonly Lock _stepsLock = new();

    /// <summary>When the running run began, by <see cref="Stopwatch"/>: its steps and its duration metric are wall-clock time, whatever the pricing clock says.</summary>
    private long _runStarted;

    /// <summary>The schedule's last skip since the newest run began, shown in the learning view (not persisted: the next tick tells again).</summary>
    private ScheduleSkipView? _lastSkipped;

    /// <summary>The running run's: cancelled on request (<see cref="CancelRunAsync"/>).</summary>
    private CancellationTokenSource? _cancel;

    /// <summary>Whether the running run has begun changing the model registry: too late to cancel it.</summary>
    private bool _committing;

    private IModelRegistryGrain Registry => GrainFactory.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A run still marked running was cut off with its silo: nothing it would have changed was changed.
        var interrupted = state.State.Runs.Where(run => run.Status == LearningRunStatus.Running).ToList();
        foreach (var run in interrupted)
        {
            Replace(run with { Status = LearningRunStatus.Failed, FinishedAt = time.GetUtcNow(), Reason = "Interrupted: the silo running it stopped; serving is unchanged." });
        }

        if (interrupted.Count > 0)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        if (learning.Value.Interval > TimeSpan.Zero)
        {
            var firstRun = learning.Value.FirstRunIn(state.State.Runs.LastOrDefault()?.StartedAt, time.GetUtcNow());
            this.RegisterGrainTimer(ScheduledRunAsync, firstRun, learning.Value.Interval);
        }
    }

    public async Task<string> StartRunAsync(string trigger)
    {
        if (state.State.Runs.LastOrDefault(run => run.Status == LearningRunStatus.Running) is { } going)
        {
            return going.RunId;
        }

        var number = ++state.State.RunsStarted;
        var runId = string.Create(CultureInfo.InvariantCulture, $"run-{number:D4}");
        var registry = await Registry.GetAsync();
        var active = registry.Active;
        state.State.Add(new LearningRunView(
            runId, LearningRunStatus.Running, trigger, time.GetUtcNow(), null, false, active, null, null, 0, 0, 0, [], null, null, null, null, []));

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        _progress = null;
        _lastSkipped = null;
        _steps = [];
        _runStarted = Stopwatch.GetTimestamp();
        _committing = false;
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        _running = RunAsync(runId, number, active, registry.Shadow != active ? registry.Shadow : null, _cancel.Token);
        return runId;
    }

    /// <summary>
    /// The schedule's run, unless fewer than Learning:MinNewDecisions decisions were logged since the last completed run
    /// began (a failed or cancelled run judged nothing, so the next tries again).
    /// </summary>
    private async Task ScheduledRunAsync()
    {
        var options = learning.Value;
        if (options.MinNewDecisions > 0 && decisionLog.Store is { } store && !state.State.Runs.Any(run => run.Status == LearningRunStatus.Running)
            && state.State.Runs.LastOrDefault(run => run.Status == LearningRunStatus.Completed) is { } last)
        {
            var since = last.StartedAt;
            var now = time.GetUtcNow();
            // Only the newest hours that hold the minimum labelled are read (all of them since the run when they hold fewer,
            // the count a skip reports): a count to 100 needs no read of up to Learning:MaxDecisions decisions each tick.
            var logged = await Task.Run(() => store.ReadAsync(now, pricing.Value.QuoteTimeToLive, since, options.MinNewDecisions, CancellationToken.None));
            var fresh = logged.Count(decision => decision.Timestamp >= since);
            if (!options.ScheduledRunTrains(fresh))
            {
                _lastSkipped = new ScheduleSkipView(now, fresh, options.MinNewDecisions, last.RunId);
                LearningLog.ScheduledRunSkipped(logger, fresh, last.RunId, options.MinNewDecisions);
                metrics.LearningRunSkipped();
                return;
            }
        }

        await StartRunAsync("schedule");
    }

    public Task<LearningRunView?> GetRunAsync(string runId) =>
        Task.FromResult(state.State.Runs.FirstOrDefault(run => run.RunId == runId) is { } run ? Shown(run) : null);

    public async Task<LearningView> GetAsync() =>
        new((await Registry.GetAsync()).Active, state.State.Runs.AsEnumerable().Reverse().Select(Shown).ToList(), _lastSkipped);

    public Task<LearningRunCancel?> CancelRunAsync(string runId)
    {
        if (state.State.Runs.FirstOrDefault(r => r.RunId == runId) is not { } run)
        {
            return Task.FromResult<LearningRunCancel?>(null);
        }

        string? refusal = null;
        if (run.Status != LearningRunStatus.Running)
        {
            refusal = $"Run {runId} is {run.Status.ToString().ToLowerInvariant()}: only a running run can be cancelled.";
        }
        else if (_committing)
        {
            refusal = $"Run {runId} is already changing the model registry: it completes.";
        }
        else
        {
            _cancel?.Cancel();
        }

        return Task.FromResult<LearningRunCancel?>(new(Shown(run), refusal));
    }

    /// <summary>A running run as it stands: its steps so far, and its progress, when it has made some, as its reason.</summary>
    private LearningRunView Shown(LearningRunView run) =>
        run.Status != LearningRunStatus.Running ? run
        : _cancel?.IsCancellationRequested == true ? run with { Reason = $"Cancelling: the run stops at its next check. {_progress}", Steps = StepsSoFar() }
        : _progress is { } progress ? run with { Reason = progress, Steps = StepsSoFar() } : run;

    private void Report(string runId, string progress)
    {
        lock (_stepsLock)
        {
            _progress = progress;
            _steps.Add(new(SecondsSinceStart(), progress));
        }

        LearningLog.Progress(logger, runId, progress);
    }

    private double SecondsSinceStart() => Math.Round(Stopwatch.GetElapsedTime(_runStarted).TotalSeconds, 2);

    private LearningStepView[] StepsSoFar()
    {
        lock (_stepsLock)
        {
            return [.. _steps];
        }
    }

    /// <summary>The run's steps, ending with how it ended (<paramref name="end"/>) and when.</summary>
    private LearningStepView[] StepsEndingWith(string end)
    {
        lock (_stepsLock)
        {
            return [.. _steps, new(SecondsSinceStart(), end)];
        }
    }

    private async Task RegisterAsync(string version, ICandidateModel model, int trainingDecisions)
    {
        var upload = await Registry.RegisterLearnedAsync(new ModelUpload(
            version, LogisticOnnx.Export(model, version),
            LogisticOnnx.Card("learned", version, model.Kind, $"{model.Kind} (learned by the cluster from {trainingDecisions} decisions)")));
        if (!upload.Ok)
        {
            throw new InvalidOperationException($"The registry refused candidate {version}: {upload.Error}");
        }
    }

    private async Task RunAsync(string runId, int number, string? activeVersion, string? shadowVersion, CancellationToken cancellation)
    {
        var run = state.State.Runs.Single(r => r.RunId == runId);
        try
        {
            var now = time.GetUtcNow();
            var options = learning.Value;
            var package = activeVersion is null ? null : await Registry.GetPackageAsync(activeVersion);
            var shadowPackage = shadowVersion is null ? null : await Registry.GetPackageAsync(shadowVersion);
            var candidateVersion = LearnedVersions.Name(number);
            // A shadow this service learned can be learned again, as its kind, from every decision when promoted.
            var shadowKind = shadowPackage is null ? null : ModelCardCheck.RefitKind(shadowPackage.Version, shadowPackage.CardJson);
            var activeKind = package is null ? null : ModelCardCheck.RefitKind(package.Version, package.CardJson);

            // Reading and training are CPU work: off the grain's scheduler, while the grain keeps answering.
            // The log records customers by pseudonym: registered attributes are re-keyed by asking each customer for its own.
            var attributes = options.ProtectedAttributesPath is { } path ? ProtectedAttributes.Read(path, options.ProtectedIdColumn) : null;
            if (attributes is not null)
            {
                var ids = attributes.CustomerIds.ToList();
                var pseudonyms = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICustomerGrain>(id).GetPseudonymAsync()));
                attributes = attributes.KeyedBy(ids.Zip(pseudonyms)
                    .Where(pair => pair.Second is not null).ToDictionary(pair => pair.First, pair => pair.Second!, StringComparer.Ordinal));
            }

            var ttl = pricing.Value.QuoteTimeToLive;
            async Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset asOf) => decisionLog.Store is { } store
                ? await Task.Run(() => store.ReadAsync(asOf, ttl, asOf - options.Window, options.MaxDecisions, cancellation), cancellation)
                : [];
            Report(runId, "Reading the decision log.");
            var log = await ReadAsync(now);
            // A run asked for right after a burst of quotes learns from them: it waits (at most Learning:LabelWait) until
            // the quotes of the decisions made before it expire, since only then is each decision's outcome known.
            if (LearningRun.LabelledBy(log, now, ttl, options.LabelWait) is { } labelled && labelled > now)
            {
                // Shown while it waits, as all progress is (the run's reason is set when it ends).
                Report(runId, string.Create(CultureInfo.InvariantCulture,
                    $"Waiting until {labelled:HH:mm:ss} UTC for the quotes of the decisions made before this run to expire (at most Learning:LabelWait)."));
                await Task.Delay(labelled - now, time, cancellation);
                Report(runId, "Reading the decision log.");
                log = await ReadAsync(time.GetUtcNow());
            }

            var outcome = await Task.Run(() =>
            {
                using var active = package is null ? null : OnnxScorer.Load(package.Onnx, package.Version, new ScoringOptions { ExecutionProvider = "cpu" });
                using var shadow = shadowPackage is null ? null : OnnxScorer.Load(shadowPackage.Onnx, shadowPackage.Version, new ScoringOptions { ExecutionProvider = "cpu" });
                return LearningRun.Execute(
                    log,
                    (rows, count) => active is null ? ListPriceOnly(count) : active.Score(rows, count),
                    options, pricing.Value, snapshot => segmenter.Assign(snapshot).Name, seed: number, attributes,
                    shadow?.Version, shadow is null ? null : shadow.Score, shadowKind, options.PromotionConfidenceAgainst(activeVersion), activeKind,
                    progress => Report(runId, progress), cancellation);
            }, cancellation);

            // Past here the run changes the registry: a request to cancel it is refused from now on.
            cancellation.ThrowIfCancellationRequested();
            _committing = true;

            var promoted = false;
            var candidateModel = outcome.ChosenShadow;
            var reason = outcome.Reason;
            if (outcome.Candidate is { } model)
            {
                Report(runId, $"Registering {candidateVersion} ({model.Kind}) in the model registry.");
                await RegisterAsync(candidateVersion, model, outcome.ServedDecisions);
                candidateModel = candidateVersion;
            }

            // The new candidate to try against a shadow this run promotes, or against the active version it refreshes,
            // registered before anything serves differently so that a refusal fails the run with serving untouched
            // (LearningRun.Execute says why it follows at once).
            var nextTrial = outcome.NextTrial;
            var trialVersion = outcome.Candidate is null ? candidateVersion : LearnedVersions.TrialName(number);
            if (nextTrial is not null)
            {
                Report(runId, $"Registering {trialVersion} ({nextTrial.Kind}) in the model registry.");
                await RegisterAsync(trialVersion, nextTrial, outcome.ServedDecisions);
            }

            if (candidateModel is not null)
            {
                // Promoted, or the active model's kind refreshed (Learning:RefreshActive): the candidate prices every quote.
                // Otherwise it goes on trial as the shadow (Pricing:ShadowTrafficShare of quotes): a new candidate because
                // off-line estimates cannot rank it (their error is several times the differences they must find,
                // docs/learning.md), the shadow because its own trial quotes estimate it better (LearningRun.Weighed).
                if (outcome.Promote)
                {
                    var activated = await Registry.ActivateAsync(candidateModel);
                    promoted = activated.Ok;
                    reason = activated.Ok ? reason : $"{reason} Activation refused: {activated.Error}";
                }

                // Not promoted, the candidate goes on trial; promoted, the next trial when there is one, else none.
                var shadow = !promoted ? candidateModel : nextTrial is null ? null : trialVersion;
                await Registry.SetShadowAsync(shadow);
                if (shadow is not null)
                {
                    reason += promoted ? $" {shadow} ({nextTrial!.Kind}, learned from every decision) is the shadow on trial." : $" {shadow} is the shadow on trial.";
                }

                reason = $"{reason} {await RollOutAsync()}";
            }

            var change = LearningRunChange.Of(promoted, outcome.RefreshedActive);
            Replace(run with
            {
                Status = LearningRunStatus.Completed,
                FinishedAt = time.GetUtcNow(),
                Promoted = promoted,
                ActiveModel = promoted ? candidateModel : activeVersion,
                CandidateModel = candidateModel,
                Reason = reason,
                DecisionsRead = outcome.DecisionsRead,
                TrainingDecisions = outcome.TrainingDecisions,
                HeldOutDecisions = outcome.HeldOutDecisions,
                Candidates = new[] { ("active", activeVersion, outcome.ActiveEstimate) }
                    .Concat(outcome.CandidatesByKind.Select(c => ($"candidate: {c.Key}",
                        c.Key == outcome.Candidate?.Kind || (outcome.ChosenShadow is { } chosen && c.Key == LearningRun.ShadowName(chosen)) ? candidateModel
                            : c.Key == nextTrial?.Kind ? trialVersion : null,
                        (PolicyEstimate?)c.Value)))
                    .Where(c => c.Item3 is not null)
                    .Select(c => new PolicyFiguresView(c.Item1, c.Item2 ?? "none", c.Item3!.SelfNormalizedIps, c.Item3.DoublyRobust,
                        c.Item3.EffectiveSampleSize, c.Item3.Agreeing, c.Item3.MeanDiscount, c.Item3.Auc, c.Item3.LogLoss))
                    .ToList(),
                ListPriceProfit = outcome.ListPriceProfit,
                ProfitDifference = outcome.DifferenceMean,
                ProfitDifferenceLower = outcome.DifferenceLower,
                ProfitDifferenceUpper = outcome.DifferenceUpper,
                Fairness = outcome.Fairness.Select(f => new FairnessRowView(
                    f.Dimension, f.Group, f.Decisions, f.ConversionRate, f.LoggedMeanDiscount, f.ActiveMeanDiscount, f.CandidateMeanDiscount, f.Judged)).ToList(),
                Trial = outcome.Trial is { } trial
                    ? new TrialComparisonView(trial.ShadowVersion, trial.ShadowLines, trial.ActiveLines, trial.ShadowProfitPerLine,
                        trial.ActiveProfitPerLine, trial.Difference, trial.Lower, trial.Upper)
                    : null,
                Exploration = outcome.Exploration is { } explored
                    ? new ExplorationView(explored.Decisions, explored.Explored, explored.EstimatedCost,
                        explored.HeldOutDraws, explored.HeldOutServingCost, explored.HeldOutCandidateCost)
                    : null,
                BlanketCoupons = outcome.BlanketCoupons?.Select(c => new BlanketCouponView(c.Discount, c.SelfNormalizedIps, c.DoublyRobust,
                    c.EffectiveSampleSize, c.Agreeing, c.MeanDiscount, c.ActiveDifference, c.ActiveDifferenceLower, c.ActiveDifferenceUpper, c.ShownBetter)).ToList(),
                Steps = StepsEndingWith(change.LastStep),
                Refreshed = change.Refreshed,
            });
            LearningLog.Finished(logger, runId, change.Outcome, reason);
            metrics.LearningRun(change.Outcome, Stopwatch.GetElapsedTime(_runStarted));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Replace(run with { Status = LearningRunStatus.Cancelled, FinishedAt = time.GetUtcNow(),
                Reason = $"Cancelled on request{(_progress is { } step ? $" at: {step}" : ".")} Serving is unchanged.", Steps = StepsEndingWith("Cancelled.") });
            LearningLog.Cancelled(logger, runId);
            metrics.LearningRun("cancelled", Stopwatch.GetElapsedTime(_runStarted));
        }
        catch (Exception exception)
        {
            Replace(run with { Status = LearningRunStatus.Failed, FinishedAt = time.GetUtcNow(), Reason = $"Failed: {exception.Message} Serving is unchanged.",
                Steps = StepsEndingWith("Failed.") });
            LearningLog.Failed(logger, runId, exception);
            metrics.LearningRun("failed", Stopwatch.GetElapsedTime(_runStarted));
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    /// <summary>
    /// Every silo asked to serve the registry's versions now. The registry has changed already, so a rollout that fails
    /// does not fail the run: the silos follow at their next poll.
    /// </summary>
    private async Task<string> RollOutAsync()
    {
        try
        {
            return await GrainFactory.GetGrain<IServingRolloutGrain>(0).RollOutModelsAsync();
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return $"The silos were not reached ({exception.Message}); they follow the registry at their next poll.";
        }
    }

    /// <summary>With no model served yet, every level scores alike, so the policy judged is list price.</summary>
    private static float[] ListPriceOnly(int count) => new float[count];

    public void Dispose() => _cancel?.Dispose();

    private void Replace(LearningRunView run)
    {
        var index = state.State.Runs.FindIndex(r => r.RunId == run.RunId);
        state.State.Runs[index] = run;
    }
}
