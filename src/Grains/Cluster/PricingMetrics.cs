using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansPricing.Contracts.Telemetry;

namespace OrleansPricing.Grains.Cluster;

/// <summary>
/// The business figures a shop runs on, as OpenTelemetry instruments of <see cref="TelemetryNames.BusinessMeter"/>
/// (exported at /metrics): quote lines priced by model and whether discounted, orders and their revenue, discount given
/// by campaign and arm, campaign conversions and revenue by arm, learning runs and their wall time by outcome, exploration draws and the
/// expected profit their models gave up. The decision log's figures, on the same meter, are <c>DecisionLogMetrics</c>'.
/// </summary>
/// <remarks>
/// The meter comes from the host's <see cref="IMeterFactory"/>, so that a host reports its own grains' figures only
/// (<c>TelemetryHostingExtensions</c>): with a plain <c>new Meter</c>, every silo in a process fed every host's /metrics,
/// and one silo stopping dropped the counters from the others' (OpenTelemetry merges same-named instruments into one
/// stream and retires it when one of them completes).
/// </remarks>
public sealed class PricingMetrics
{
    private readonly Counter<long> _quoteLines;
    private readonly Counter<long> _orders;
    private readonly Counter<double> _revenue;
    private readonly Counter<double> _discountGiven;
    private readonly Counter<long> _campaignLines;
    private readonly Counter<double> _campaignRevenue;
    private readonly Counter<long> _learningRuns;
    private readonly Histogram<double> _learningRunDuration;
    private readonly Counter<long> _explorationLines;
    private readonly Counter<double> _explorationCost;

    public PricingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.BusinessMeter);
        _quoteLines = meter.CreateCounter<long>("pricing.quote.lines", "{line}", "Quote lines priced, by model and whether discounted");
        _orders = meter.CreateCounter<long>("pricing.orders", "{order}", "Orders completed");
        _revenue = meter.CreateCounter<double>("pricing.revenue", "{currency}", "Revenue of completed orders");
        _discountGiven = meter.CreateCounter<double>("pricing.discount.given", "{currency}", "List price less price paid, by campaign (none: not a campaign quote) and arm");
        _campaignLines = meter.CreateCounter<long>("pricing.campaign.conversions", "{line}", "Order lines bought on a campaign quote, by campaign and arm (treatment, holdout)");
        _campaignRevenue = meter.CreateCounter<double>("pricing.campaign.revenue", "{currency}", "Revenue of order lines bought on a campaign quote, by campaign and arm");
        _learningRuns = meter.CreateCounter<long>("pricing.learning.runs", "{run}", "Training runs, by outcome (promoted, refreshed: the active model's kind learned again, kept, failed, cancelled; skipped: a scheduled run with too few new decisions)");
        // Runs take seconds on a small log and minutes on a large one (docs/learning.md): buckets to half an hour.
        _learningRunDuration = meter.CreateHistogram<double>("pricing.learning.run.duration", "s", "Training runs' wall time, by outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 30, 60, 120, 300, 600, 1800] });
        _explorationLines = meter.CreateCounter<long>("pricing.exploration.lines", "{line}", "Quote lines outside campaigns priced at an exploration draw, by model");
        _explorationCost = meter.CreateCounter<double>(
            "pricing.exploration.cost", "{currency}", "Expected profit the pricing model gave up on exploration draws, by its own estimate, by model");
    }

    public void QuoteLine(string model, bool discounted) =>
        _quoteLines.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("discounted", discounted));

    public void OrderCompleted(decimal revenue)
    {
        _orders.Add(1);
        _revenue.Add((double)revenue);
    }

    /// <summary>One order line: its discount, and for a campaign quote its conversion and revenue in the campaign's arm.</summary>
    public void OrderLine(decimal discount, decimal revenue, string? campaign, bool holdout)
    {
        var tags = new TagList { { "campaign", campaign ?? "none" }, { "arm", campaign is null ? "none" : holdout ? "holdout" : "treatment" } };
        if (discount > 0)
        {
            _discountGiven.Add((double)discount, tags);
        }

        if (campaign is not null)
        {
            _campaignLines.Add(1, tags);
            _campaignRevenue.Add((double)revenue, tags);
        }
    }

    /// <summary>A line priced at an exploration draw and the expected profit its model gave up (<c>PriceDecision.ExplorationCost</c>).</summary>
    public void ExplorationLine(string model, double cost)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _explorationLines.Add(1, tag);
        _explorationCost.Add(cost, tag);
    }

    /// <summary>A scheduled run skipped for want of new decisions (Learning:MinNewDecisions): counted, no wall time.</summary>
    public void LearningRunSkipped() => _learningRuns.Add(1, new KeyValuePair<string, object?>("outcome", "skipped"));

    public void LearningRun(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _learningRuns.Add(1, tag);
        _learningRunDuration.Record(duration.TotalSeconds, tag);
    }
}
