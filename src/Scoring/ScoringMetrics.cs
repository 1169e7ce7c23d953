using System.Diagnostics.Metrics;

namespace OrleansPricing.Scoring;

/// <summary>
/// Scoring pool metrics (meter <c>OrleansPricing.Scoring</c>): which execution provider serves, batch sizes, queue
/// waits, shed and late requests, shadow disagreement. Also kept as plain counters for the admin API and benchmarks.
/// </summary>
public sealed class ScoringMetrics
{
    public const string MeterName = "OrleansPricing.Scoring";

    private readonly Meter _meter;
    private readonly Histogram<int> _batchRows;
    private readonly Histogram<double> _queueWaitMs;
    private readonly Counter<long> _shed;
    private readonly Counter<long> _late;
    private readonly Histogram<double> _shadowDifference;
    private long _batches;
    private long _rows;
    private long _requests;
    private long _shedCount;
    private long _lateCount;

    /// <param name="provider">The serving execution provider, for the provider gauge.</param>
    /// <param name="meterFactory">
    /// The host's factory, so that the host's /metrics shows its own pool only (see <c>PricingMetrics</c>); it owns the
    /// meter and disposes of it with the host.
    /// </param>
    public ScoringMetrics(Func<string?> provider, IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _batchRows = _meter.CreateHistogram<int>("pricing.scoring.batch_rows", "rows", "Rows per ONNX Runtime call");
        _queueWaitMs = _meter.CreateHistogram<double>("pricing.scoring.queue_wait", "ms", "Time from enqueue to the start of the batch");
        _shed = _meter.CreateCounter<long>("pricing.scoring.shed", "requests", "Requests refused because the queue was full");
        _late = _meter.CreateCounter<long>("pricing.scoring.deadline_exceeded", "requests", "Requests that missed their deadline");
        _shadowDifference = _meter.CreateHistogram<double>("pricing.scoring.shadow_abs_difference", "probability", "|active − shadow| per row");
        _meter.CreateObservableGauge("pricing.scoring.provider", () => new Measurement<int>(1,
            new KeyValuePair<string, object?>("provider", provider() ?? "none")), description: "1, tagged with the serving execution provider");
    }

    public long Batches => Interlocked.Read(ref _batches);
    public long Rows => Interlocked.Read(ref _rows);
    public long Requests => Interlocked.Read(ref _requests);
    public long Shed => Interlocked.Read(ref _shedCount);
    public long DeadlineExceeded => Interlocked.Read(ref _lateCount);

    public double MeanBatchRows => Batches == 0 ? 0 : (double)Rows / Batches;

    public void Batch(int requests, int rows, double oldestWaitMs)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _requests, requests);
        _batchRows.Record(rows);
        _queueWaitMs.Record(oldestWaitMs);
    }

    public void Refused()
    {
        Interlocked.Increment(ref _shedCount);
        _shed.Add(1);
    }

    public void Late()
    {
        Interlocked.Increment(ref _lateCount);
        _late.Add(1);
    }

    public void ShadowDifference(double difference) => _shadowDifference.Record(difference);
}
