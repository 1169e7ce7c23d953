using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Grains.Campaigns;

/// <summary>
/// The campaign coordinator. Every change to the ledger is persisted before the answer, so a lease granted or a sale
/// committed survives this grain's silo. Leases of holders silent longer than <see cref="LeaseTimeToLive"/> (twice the
/// quote time-to-live) are reclaimed, so budget held by a dead silo comes back without any valid quote depending on it.
/// </summary>
public sealed class CampaignGrain(
    [PersistentState("campaign", PricingStorage.Name)] IPersistentState<CampaignState> state,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    IOptions<PricingOptions> pricing) : Grain, ICampaignGrain
{
    private CampaignState State => state.State;

    private TimeSpan LeaseTimeToLive => pricing.Value.QuoteTimeToLive * 2;

    public async Task<CampaignCommandResult> SaveAsync(CampaignDefinition definition)
    {
        if (definition.CampaignId != this.GetPrimaryKeyString())
        {
            return new CampaignCommandResult(false, "The campaign id in the body must match the key.", View());
        }

        var ledger = State.Ledger;
        if (definition.End <= definition.Start || definition.Budget < 0)
        {
            return new CampaignCommandResult(false, "A campaign needs end after start and a budget of at least 0.", View());
        }

        if (definition.Budget < ledger.Committed + ledger.Leased)
        {
            return new CampaignCommandResult(false,
                $"The budget cannot drop below what is already spent ({ledger.Committed}) and leased out ({ledger.Leased}).", View());
        }

        // Plain arrays and dictionaries in state: the Azure Table storage's JSON names each collection's runtime type and
        // cannot recreate a compiler-made one (a collection expression's read-only array) when the grain is read back.
        State.Definition = definition with
        {
            DiscountGrid = definition.DiscountGrid.ToArray(),
            Skus = definition.Skus.ToArray(),
            Categories = definition.Categories.ToArray(),
            UnitLimits = new Dictionary<string, int>(definition.UnitLimits, StringComparer.Ordinal),
        };
        ledger.Budget = definition.Budget;
        UpdateDuals();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        await GrainFactory.GetGrain<ICampaignDirectoryGrain>(ICampaignDirectoryGrain.Key).RegisterAsync(definition.CampaignId, definition.End);
        return new CampaignCommandResult(true, null, View());
    }

    public async Task<CampaignCommandResult> SetPausedAsync(bool paused)
    {
        if (State.Definition is null)
        {
            return new CampaignCommandResult(false, "No campaign with this id.", null);
        }

        State.Paused = paused;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return new CampaignCommandResult(true, null, View());
    }

    public async Task<CampaignView?> GetAsync()
    {
        // Silos stop calling once a campaign ends, so a read is also when the leases they left behind come back.
        var leases = State.Ledger.Leases.Count;
        State.Ledger.ReclaimExpired(time.GetUtcNow(), LeaseTimeToLive);
        if (State.Ledger.Leases.Count != leases)
        {
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return View();
    }

    public async Task<LeaseGrant> LeaseAsync(string holder, decimal target, decimal reserved = 0)
    {
        var now = time.GetUtcNow();
        if (State.Definition is not { } definition)
        {
            return new LeaseGrant(0, [], CampaignDuals.Zero, false, null);
        }

        var ledger = State.Ledger;
        ledger.ReclaimExpired(now, LeaseTimeToLive);
        var active = !State.Paused && now >= definition.Start && now < definition.End;
        var held = ledger.Leases.TryGetValue(holder, out var lease) ? lease.Amount : 0;
        var (heldNow, committedQuotes) = ledger.SetLease(holder, active ? target : Math.Min(target, held), now);
        if (ledger.Leases.TryGetValue(holder, out var renewed))
        {
            renewed.ReportedReserved = Math.Min(reserved, renewed.Amount);
        }

        UpdateDuals();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return new LeaseGrant(heldNow, committedQuotes, State.Duals, active, definition);
    }

    public async Task<bool> CommitSaleAsync(CampaignSale sale)
    {
        var ledger = State.Ledger;
        if (ledger.CommittedOrders.ContainsKey(sale.OrderId))
        {
            return true;
        }

        if (!ledger.Commit(sale.OrderId, sale.Draws.Select(draw => draw.ToPricing()).ToList(), time.GetUtcNow()))
        {
            return false;
        }

        Count(sale, +1);
        UpdateDuals();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return true;
    }

    public async Task ReverseSaleAsync(CampaignSale sale)
    {
        if (!State.Ledger.Reverse(sale.OrderId))
        {
            return;
        }

        Count(sale, -1);
        UpdateDuals();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    private void Count(CampaignSale sale, int sign)
    {
        foreach (var (sku, units) in sale.UnitsBySku)
        {
            State.UnitsBySku[sku] = State.UnitsBySku.GetValueOrDefault(sku) + sign * units;
        }

        if (sale.Holdout)
        {
            State.HoldoutConversions += sign;
            State.HoldoutRevenue += sign * sale.Revenue;
        }
        else
        {
            State.TreatmentConversions += sign;
            State.Revenue += sign * sale.Revenue;
        }
    }

    /// <summary>One step of the duals per ledger change, against the even pacing plan (see <see cref="DualUpdate"/>).</summary>
    private void UpdateDuals()
    {
        if (State.Definition is not { } definition)
        {
            return;
        }

        var now = time.GetUtcNow();
        var window = new PacingPlan(definition.Start, definition.End, definition.Budget);
        var plan = PacingPlan.ForCampaign(definition.Start, definition.End, definition.Budget);
        var elapsed = State.DualsUpdatedAt == default || now <= State.DualsUpdatedAt
            ? 0
            : window.ElapsedFraction(now) - window.ElapsedFraction(State.DualsUpdatedAt);
        var lambda = DualUpdate.Step(State.LambdaIntegral, (double)(State.Ledger.Committed - plan.PlannedAt(now)), (double)definition.Budget, elapsed);
        var nu = definition.RevenueTarget is { } target
            ? DualUpdate.Step(State.NuIntegral, (double)(PacingPlan.ForCampaign(definition.Start, definition.End, target).PlannedAt(now) - State.Revenue), (double)target,
                elapsed, DualUpdate.MaxRevenueDual)
            : (0, 0);
        var mu = definition.UnitLimits.ToDictionary(
            limit => limit.Key,
            limit => DualUpdate.Step(State.MuIntegrals.GetValueOrDefault(limit.Key),
                State.UnitsBySku.GetValueOrDefault(limit.Key) - limit.Value * plan.ElapsedFraction(now), limit.Value, elapsed),
            StringComparer.Ordinal);
        State.LambdaIntegral = lambda.Integral;
        State.NuIntegral = nu.Integral;
        State.MuIntegrals = mu.ToDictionary(pair => pair.Key, pair => pair.Value.Integral, StringComparer.Ordinal);
        State.Duals = new CampaignDuals(lambda.Price, nu.Price, mu.ToDictionary(pair => pair.Key, pair => pair.Value.Price, StringComparer.Ordinal), State.Duals.Version + 1);
        State.DualsUpdatedAt = now;
        RecordSpend(window, now);
    }

    /// <summary>Keeps the last spend of each slice of the window, so the history stays bounded however many orders come.</summary>
    private void RecordSpend(PacingPlan window, DateTimeOffset now)
    {
        static int Slice(PacingPlan window, DateTimeOffset at) => (int)(window.ElapsedFraction(at) * CampaignState.SpendHistoryPoints);
        var history = State.SpendHistory;
        var point = new SpendPoint(now, State.Ledger.Committed, State.Revenue);
        if (history.Count > 0 && Slice(window, history[^1].At) == Slice(window, now))
        {
            history[^1] = point;
        }
        else
        {
            history.Add(point);
            if (history.Count > CampaignState.SpendHistoryPoints + 1)
            {
                history.RemoveAt(0); // only if the clock went back: slices then repeat
            }
        }
    }

    private CampaignView? View()
    {
        if (State.Definition is not { } definition)
        {
            return null;
        }

        var ledger = State.Ledger;
        return new CampaignView(definition, State.Paused, ledger.Committed, ledger.Leased, ledger.Available,
            PacingPlan.ForCampaign(definition.Start, definition.End, definition.Budget).PlannedAt(time.GetUtcNow()),
            State.Revenue, State.UnitsBySku.Values.Sum(), State.TreatmentConversions, State.HoldoutConversions, State.Duals,
            ledger.Leases.Values.ToDictionary(lease => lease.Holder, lease => lease.Amount, StringComparer.Ordinal), State.HoldoutRevenue,
            ledger.Leases.Values.Sum(lease => lease.ReportedReserved), State.SpendHistory.ToList());
    }
}
