using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Grains.Campaigns;

/// <summary>
/// This silo's side of every campaign: it holds one budget lease per campaign and answers quotes from it without calling
/// the coordinator. Once per <see cref="CampaignServingOptions.RefreshInterval"/> (checked on the quote path, so an idle
/// silo makes no calls) it lists the campaigns and, per campaign, sends the coordinator the lease it wants — its open
/// reservations plus its recent discount demand over the lease horizon — and applies the answer: new duals, the quotes
/// that became orders, expired reservations released. A quote the free lease cannot cover triggers one early top-up.
/// The holder id is fresh per process, so a restarted silo never reuses a lease whose reservations it forgot. A silo that
/// stops gracefully hands back the free part of every lease first (<see cref="HandBackAsync"/>), so the other silos can
/// quote with it at once instead of after the lease's expiry.
/// </summary>
public sealed class CampaignServing(
    IGrainFactory grains,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    IOptions<CampaignServingOptions> options,
    IOptions<PricingOptions> pricing,
    ILocalSiloDetails silo,
    ILogger<CampaignServing> logger) : IDisposable, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, ServedCampaign> _campaigns = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _listGate = new(1, 1);
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;

    /// <summary>Set as the silo stops: leases keep only what open quotes hold, and quotes get no top-up.</summary>
    private volatile bool _stopping;

    /// <summary>The active campaigns in id order, rebuilt after every coordinator answer (read on every quote).</summary>
    private volatile IReadOnlyList<ServedCampaign> _active = [];

    /// <summary>This process's lease holder id: the silo's name and a random suffix (kept short: every open campaign quote stores it).</summary>
    public string Holder { get; } = $"{silo.Name}#{Guid.NewGuid().ToString("N")[..8]}";

    private CampaignServingOptions Options => options.Value;

    public void Dispose()
    {
        _listGate.Dispose();
        foreach (var campaign in _campaigns.Values)
        {
            campaign.CoordinatorGate.Dispose();
        }
    }

    /// <summary>Hands the leases back as the silo stops, in the first stage to stop, while every grain still answers.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CampaignServing), ServiceLifecycleStage.Active, _ => Task.CompletedTask, HandBackAsync);

    /// <summary>
    /// Shrinks every lease this silo holds to what its open quotes have reserved (an order citing one of them, placed on
    /// any silo, still draws from it until the lease expires) and stops asking for more.
    /// </summary>
    public async Task HandBackAsync(CancellationToken cancellation)
    {
        _stopping = true;
        if (cancellation.IsCancellationRequested)
        {
            // A stop without grace (Orleans' non-graceful shutdown) is a silo dying: it makes no calls.
            return;
        }

        var handBacks = Task.WhenAll(_campaigns.Values.Select(async campaign =>
        {
            // The first answer names the quotes ordered since the last call, which this silo still counts as reserved;
            // the second shrinks the lease to what is left.
            await LeaseAsync(campaign, extraNeeded: 0);
            await LeaseAsync(campaign, extraNeeded: 0);
        }));
        try
        {
            // A coordinator that does not answer must not hold the shutdown past its timeout: the lease expires anyway.
            await handBacks.WaitAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            CampaignServingLog.HandBackAbandoned(logger, Holder);
        }
    }

    /// <summary>The campaigns taking quotes now, refreshed first when the last refresh is older than the interval.</summary>
    public async ValueTask<IReadOnlyList<ServedCampaign>> ActiveAsync()
    {
        var now = time.GetUtcNow();
        if (now - _listedAt >= Options.RefreshInterval)
        {
            // One refresh at a time; callers that find one running go on with what is cached, unless nothing is yet.
            if (await _listGate.WaitAsync(_listedAt == DateTimeOffset.MinValue ? Timeout.InfiniteTimeSpan : TimeSpan.Zero))
            {
                try
                {
                    if (time.GetUtcNow() - _listedAt >= Options.RefreshInterval)
                    {
                        await RefreshAllAsync();
                    }
                }
                finally
                {
                    _listGate.Release();
                }
            }
        }

        return _active;
    }

    /// <summary>A refresh now, one at a time with the quote path's: a campaign just created, paused or resumed is quoted as it now is.</summary>
    public async Task RefreshNowAsync()
    {
        await _listGate.WaitAsync();
        try
        {
            await RefreshAllAsync();
        }
        finally
        {
            _listGate.Release();
        }
    }

    /// <summary>Lists the live campaigns and makes one lease call to each.</summary>
    public async Task RefreshAllAsync()
    {
        var now = time.GetUtcNow();
        var lingering = pricing.Value.QuoteTimeToLive + Options.EffectiveReleaseGrace;
        IReadOnlyList<string> ids;
        try
        {
            ids = await grains.GetGrain<ICampaignDirectoryGrain>(ICampaignDirectoryGrain.Key).ListAsync(now - lingering);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Quotes go on with the campaigns and leases already held; the next refresh tries again.
            CampaignServingLog.DirectoryFailed(logger, exception);
            return;
        }

        foreach (var id in ids)
        {
            _campaigns.GetOrAdd(id, key => new ServedCampaign(key));
        }

        foreach (var ended in _campaigns.Keys.Except(ids, StringComparer.Ordinal).ToList())
        {
            _campaigns.TryRemove(ended, out _);
        }

        await Task.WhenAll(_campaigns.Values.Select(campaign => LeaseAsync(campaign, extraNeeded: 0)));
        RebuildActive();
        _listedAt = now;
    }

    /// <summary>
    /// Tops this silo's lease up when its free budget is below what a quote may need (<paramref name="wanted"/>, its
    /// campaign lines at the deepest allowed discount) and returns the budget the quote reserves from. A top-up that
    /// comes back short is not retried before the next refresh, so an exhausted budget never puts the coordinator on
    /// the hot path.
    /// </summary>
    public async ValueTask<IDiscountBudget> FundAsync(ServedCampaign campaign, decimal wanted)
    {
        var now = time.GetUtcNow();
        if (campaign.Budget.Free < wanted && now >= campaign.NoTopUpUntil && !_stopping)
        {
            // Single flight: quotes that queued behind a top-up use its answer instead of asking again.
            var answersSeen = campaign.Answers;
            await campaign.CoordinatorGate.WaitAsync();
            try
            {
                if (campaign.Answers == answersSeen && now >= campaign.NoTopUpUntil)
                {
                    await LeaseWhileGatedAsync(campaign, wanted);
                    if (campaign.Budget.Free < wanted)
                    {
                        campaign.NoTopUpUntil = now + Options.RefreshInterval;
                    }
                }
            }
            finally
            {
                campaign.CoordinatorGate.Release();
            }
        }

        return new DemandRecordingBudget(campaign, time, Options.LeaseHorizon);
    }

    private async Task LeaseAsync(ServedCampaign campaign, decimal extraNeeded)
    {
        await campaign.CoordinatorGate.WaitAsync();
        try
        {
            await LeaseWhileGatedAsync(campaign, extraNeeded);
        }
        finally
        {
            campaign.CoordinatorGate.Release();
        }
    }

    /// <summary>One lease call; the caller holds the campaign's coordinator gate, so answers apply in order.</summary>
    private async Task LeaseWhileGatedAsync(ServedCampaign campaign, decimal extraNeeded)
    {
        try
        {
            var now = time.GetUtcNow();
            var target = campaign.Budget.Reserved + (_stopping ? 0 : FreeWanted(campaign, now) + extraNeeded);
            var grant = await grains.GetGrain<ICampaignGrain>(campaign.CampaignId).LeaseAsync(Holder, target, campaign.Budget.Reserved);
            var wasActive = campaign.Active;
            campaign.Apply(grant, now, Options.EffectiveReleaseGrace);
            if (campaign.Active != wasActive)
            {
                RebuildActive();
            }

            CampaignServingLog.Leased(logger, campaign.CampaignId, Holder, grant.Held, grant.CommittedQuotes.Count, grant.Duals.Lambda);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The coordinator is unreachable or failing: keep serving from the lease held (valid until reclaimed).
            CampaignServingLog.LeaseFailed(logger, campaign.CampaignId, exception);
        }
    }

    private void RebuildActive() =>
        _active = _campaigns.Values.Where(campaign => campaign.Active).OrderBy(campaign => campaign.CampaignId, StringComparer.Ordinal).ToList();

    /// <summary>Recent demand over the lease horizon, kept within the configured fractions of the budget.</summary>
    private decimal FreeWanted(ServedCampaign campaign, DateTimeOffset now)
    {
        if (campaign.Definition is not { } definition || !campaign.Active)
        {
            // Unknown yet, or paused or ended: keep only what open quotes hold and hand the rest back.
            return 0;
        }

        var budget = (double)definition.Budget;
        var wanted = campaign.DemandPerSecond(now, Options.LeaseHorizon) * Options.LeaseHorizon.TotalSeconds;
        return decimal.Round((decimal)Math.Clamp(wanted, budget * Options.MinLeaseFraction, budget * Options.MaxLeaseFraction), 2);
    }

    /// <summary>The lease as a quote sees it: every reservation attempt also counts as demand, which sizes the next lease.</summary>
    private sealed class DemandRecordingBudget(ServedCampaign campaign, TimeProvider time, TimeSpan horizon) : IDiscountBudget
    {
        public decimal Free => campaign.Budget.Free;

        public bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt)
        {
            campaign.RecordDemand(amount, time.GetUtcNow(), horizon);
            return campaign.Budget.TryReserve(quoteId, amount, expiresAt);
        }
    }
}
