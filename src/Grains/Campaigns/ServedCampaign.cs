using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Campaigns;

/// <summary>One campaign as this silo serves it: the definition and duals of the last coordinator answer, and the lease.</summary>
public sealed class ServedCampaign(string campaignId)
{
    private readonly Lock _demandGate = new();
    private DecayedCounter _demand;

    public string CampaignId { get; } = campaignId;

    public CampaignDefinition? Definition { get; private set; }

    public DualPrices Duals { get; private set; } = DualPrices.Zero;

    /// <summary>Taking quotes now: the window is open, the campaign not paused.</summary>
    public bool Active { get; private set; }

    public LocalBudget Budget { get; } = new();

    /// <summary>Coordinator answers applied so far: a caller that waited for the gate sees whether someone else just asked.</summary>
    public long Answers { get; private set; }

    /// <summary>After a top-up that could not cover a quote, no further top-up until this time: an empty budget must not put the coordinator on the hot path.</summary>
    public DateTimeOffset NoTopUpUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Serializes this silo's calls to the coordinator, so answers apply in the order they were given.</summary>
    public SemaphoreSlim CoordinatorGate { get; } = new(1, 1);

    public void RecordDemand(decimal amount, DateTimeOffset now, TimeSpan horizon)
    {
        lock (_demandGate)
        {
            _demand = _demand.Add((double)amount, now, horizon);
        }
    }

    /// <summary>Discount demand per second: a decayed sum with half-life h estimates rate × h / ln 2.</summary>
    public double DemandPerSecond(DateTimeOffset now, TimeSpan horizon)
    {
        lock (_demandGate)
        {
            return _demand.ValueAt(now, horizon) * Math.Log(2) / horizon.TotalSeconds;
        }
    }

    public void Apply(LeaseGrant grant, DateTimeOffset now, TimeSpan releaseGrace)
    {
        Budget.Sync(grant.Held, grant.CommittedQuotes, now, releaseGrace);
        Definition = grant.Definition;
        Duals = grant.Duals.Version >= Duals.Version ? grant.Duals.ToPricing() : Duals;
        Active = grant.Active && grant.Definition is not null;
        Answers++;
    }
}
