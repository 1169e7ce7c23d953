namespace OrleansPricing.Contracts.Telemetry;

/// <summary>The meters the service publishes, by name, so the hosts can export them without referencing the grains.</summary>
public static class TelemetryNames
{
    /// <summary>Business figures: quote lines, discounted offers, orders, revenue, discount given, learning runs.</summary>
    public const string BusinessMeter = "OrleansPricing.Business";

    /// <summary>The scoring pool: batches, rows, queue waits, shed requests, shadow disagreement.</summary>
    public const string ScoringMeter = "OrleansPricing.Scoring";
}
