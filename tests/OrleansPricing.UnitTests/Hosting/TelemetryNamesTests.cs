using OrleansPricing.Contracts.Telemetry;
using OrleansPricing.Scoring;

namespace OrleansPricing.UnitTests.Hosting;

public sealed class TelemetryNamesTests
{
    [Fact]
    public void The_exported_scoring_meter_is_the_one_the_pool_records_to()
    {
        // Scoring references no contracts, so the name lives in both places; this keeps them one.
        Assert.Equal(ScoringMetrics.MeterName, TelemetryNames.ScoringMeter);
    }
}
