using System.Diagnostics.Metrics;
using OrleansPricing.Contracts.Telemetry;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// A silo's decision log on the business meter (<see cref="TelemetryNames.BusinessMeter"/>, exported at /metrics), read
/// from its <see cref="DecisionLogWriter"/> when scraped: rows the store took by kind, rows lost by reason (the queue
/// full, a batch the store refused), rows queued, and whether the silo logs at all — 0 when the log is off or could not
/// be opened, and then its quotes are not explored either (<c>QuoteInput.Logged</c>). Learning rests on this log, so an
/// operator must see it stop or fall behind; before, its losses were counted in the writer alone and logged.
/// </summary>
public static class DecisionLogMetrics
{
    public static void Observe(IMeterFactory meterFactory, DecisionLogWriter writer)
    {
        var meter = meterFactory.Create(TelemetryNames.BusinessMeter);
        meter.CreateObservableCounter("pricing.decision_log.rows", () => new[]
        {
            new Measurement<long>(writer.Written(DecisionLogKind.Decisions), new KeyValuePair<string, object?>("kind", "decisions")),
            new Measurement<long>(writer.Written(DecisionLogKind.Purchases), new KeyValuePair<string, object?>("kind", "purchases")),
        }, "{row}", "Rows the decision log's store took, by kind (decisions, purchases)");
        meter.CreateObservableCounter("pricing.decision_log.rows_lost", () => new[]
        {
            new Measurement<long>(writer.Dropped, new KeyValuePair<string, object?>("reason", "queue-full")),
            new Measurement<long>(writer.LostInWrites, new KeyValuePair<string, object?>("reason", "write-failed")),
        }, "{row}", "Decision-log rows lost: dropped with the queue full (DecisionLog:MaxPendingRows), or in a batch the store refused");
        meter.CreateObservableGauge("pricing.decision_log.pending", () => writer.Pending, "{row}", "Decision-log rows queued for the store");
        meter.CreateObservableGauge(
            "pricing.decision_log.enabled", () => writer.Enabled ? 1 : 0, description: "1 while this silo logs its decisions (and explores); 0 when the log is off or could not be opened");
    }
}
