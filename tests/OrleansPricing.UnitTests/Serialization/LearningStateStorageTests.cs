using OrleansPricing.Contracts.Learning;
using OrleansPricing.Grains.Learning;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Learning;
using Xunit.Abstractions;

namespace OrleansPricing.UnitTests.Serialization;

/// <summary>
/// The learning grain's state within an Azure Table row in either format, its kept runs at their largest: long reasons,
/// twenty steps, eight segments and two attributes at the fairness table's bound.
/// </summary>
public sealed class LearningStateStorageTests(ITestOutputHelper output)
{
    /// <summary>What Orleans' Azure Table storage writes at most: 15 properties of 64 KB (it refuses a larger state).</summary>
    private const int TableRowBytes = 15 * 64 * 1024;

    [Theory]
    [InlineData(GrainStateOptions.Binary)]
    [InlineData(GrainStateOptions.Json)]
    public void The_kept_runs_at_their_largest_fit_a_table_row_in_either_format(string format)
    {
        var serializer = GrainStorageSerializers.State(format);
        var state = new LearningState();
        for (var r = 0; r < LearningState.KeptRuns + 5; r++)
        {
            state.RunsStarted++;
            state.Add(Run(r));
        }

        var row = serializer.Serialize(state);
        var bytes = row.ToMemory().Length;
        output.WriteLine($"{format}: {bytes:N0} bytes of {TableRowBytes:N0}");
        Assert.InRange(bytes, 1, TableRowBytes * 3 / 4); // a quarter to spare for longer reasons and model names
        // And it reads back as written.
        var read = serializer.Deserialize<LearningState>(row)!;
        Assert.Equal(state.Runs.Select(run => (run.RunId, run.Steps?.Count, run.Fairness.Count, run.Refreshed)),
            read.Runs.Select(run => (run.RunId, run.Steps?.Count, run.Fairness.Count, run.Refreshed)));
        Assert.Contains(read.Runs, run => run.Refreshed); // a refresh is told from a promotion after a restart too
    }

    [Fact]
    public void Only_the_newest_runs_keep_their_steps_and_fairness_tables()
    {
        var state = new LearningState();
        for (var r = 0; r < LearningState.KeptRuns + 5; r++)
        {
            state.Add(Run(r));
        }

        Assert.Equal(LearningState.KeptRuns, state.Runs.Count);
        Assert.Equal("run-0005", state.Runs[0].RunId);
        Assert.Equal(
            [.. Enumerable.Repeat((0, 0), LearningState.KeptRuns - LearningState.DetailedRuns), .. Enumerable.Repeat((20, 8 + 2 * LearningRun.MaxFairnessGroups), LearningState.DetailedRuns)],
            state.Runs.Select(run => (run.Steps?.Count ?? 0, run.Fairness.Count)));
        Assert.All(state.Runs, run => Assert.Equal(8, run.BlanketCoupons!.Count)); // the rest of the record is kept
    }

    /// <summary>A run as the grain records it, its lists and arrays as the grain builds them (lists, and the steps an array).</summary>
    private static LearningRunView Run(int r)
    {
        var at = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero).AddHours(r);
        var reason = new string('x', 700);
        return new LearningRunView($"run-{r:D4}", LearningRunStatus.Completed, "schedule", at, at.AddMinutes(1), true, $"learned-{r:D4}", $"learned-{r:D4}",
            reason, 100_000, 75_000, 25_000,
            Enumerable.Range(0, 4).Select(c => new PolicyFiguresView($"candidate: behaviour-segments-{c}", $"learned-{r:D4}", 4.1234567, 4.2345678, 1234.5678, 12345, 0.0812345, 0.71234, 0.1123456)).ToList(),
            3.9876, 0.123456, 0.0123456, 0.2345678,
            // Eight segments and two registered attributes at the table's bound.
            Enumerable.Range(0, 8).Select(g => new FairnessRowView("segment", $"segment-{g}", 3000, 0.0456789, 0.0612345, 0.0712345, 0.0812345, Judged: true))
                .Concat(new[] { "age-band", "postcode" }.SelectMany(attribute => Enumerable.Range(0, LearningRun.MaxFairnessGroups)
                    .Select(g => new FairnessRowView(attribute, $"{attribute}-group-{g:D5}", 1000, 0.0456789, 0.0612345, 0.0712345, 0.0812345, Judged: true)))).ToList(),
            new TrialComparisonView($"learned-{r:D4}", 12345, 12345, 1.2345678, 1.3456789, 0.0123456, -0.0123456, 0.0345678),
            new ExplorationView(100_000, 5_000, 1234.5678),
            Enumerable.Range(1, 8).Select(d => new BlanketCouponView(0.05 * d, 4.1234567, 4.2345678, 1234.5678, 12345, 0.05 * d, 0.1234567, -0.0123456, 0.2345678, "active")).ToList(),
            Enumerable.Range(0, 20).Select(s => new LearningStepView(s * 2.5, $"Trained {s % 5 + 1} of the ensemble's 5 parts (response-network, 6.2 s). Training the ensemble candidate again on all 100000 decisions")).ToArray(),
            Refreshed: r % 3 == 0);
    }
}
