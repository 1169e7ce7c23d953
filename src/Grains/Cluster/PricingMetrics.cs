using System.Diagnostics.Metrics;
using OrleansPricing.Contracts.Telemetry;

namespace OrleansPricing.Grains.Cluster;

/// <summary>
/// The business figures a shop runs on, as OpenTelemetry instruments of <see cref="TelemetryNames.BusinessMeter"/>
/// (exported at /metrics): quote lines priced by model and whether discounted, orders and their revenue, discount given
/// by campaign, learning runs by outcome.
/// </summary>
public sealed class PricingMetrics : IDisposable
{
    private readonly Meter _meter = new(TelemetryNames.BusinessMeter);
    private readonly Counter<long> _quoteLines;
    private readonly Counter<long> _orders;
    private readonly Counter<double> _revenue;
    private readonly Counter<double> _discountGiven;
    private readonly Counter<long> _learningRuns;

    public PricingMetrics()
    {
        _quoteLines = _meter.CreateCounter<long>("pricing.quote.lines", "{line}", "Quote lines priced, by model and whether discounted");
        _orders = _meter.CreateCounter<long>("pricing.orders", "{order}", "Orders completed");
        _revenue = _meter.CreateCounter<double>("pricing.revenue", "{currency}", "Revenue of completed orders");
        _discountGiven = _meter.CreateCounter<double>("pricing.discount.given", "{currency}", "List price less price paid, by campaign (none: not a campaign quote)");
        _learningRuns = _meter.CreateCounter<long>("pricing.learning.runs", "{run}", "Training runs, by outcome (promoted, kept, failed)");
    }

    public void QuoteLine(string model, bool discounted) =>
        _quoteLines.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("discounted", discounted));

    public void OrderCompleted(decimal revenue)
    {
        _orders.Add(1);
        _revenue.Add((double)revenue);
    }

    public void DiscountGiven(decimal amount, string? campaign)
    {
        if (amount > 0)
        {
            _discountGiven.Add((double)amount, new KeyValuePair<string, object?>("campaign", campaign ?? "none"));
        }
    }

    public void LearningRun(string outcome) => _learningRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
