using OrleansPricing.Contracts.Learning;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.UnitTests.Learning;

namespace OrleansPricing.ClusterTests;

/// <summary>
/// The learning service's refresh of the active kind on the two-silo cluster (Learning:RefreshActive): a run that
/// promotes nothing better serves the active version's own kind learned again from every decision, registered and
/// activated as a new version like a promotion and recorded as a refresh. The unit tests hold the rule; here the grain
/// reads the log from files, reads the active version's kind from its registered card and changes the registry.
/// </summary>
[Collection(LearningClusterCollection.Name)]
public sealed class LearningRefreshTests(LearningClusterFixture fixture)
{
    private ILearningGrain Learning => fixture.Grains.GetGrain<ILearningGrain>(ILearningGrain.Default);

    private IModelRegistryGrain Registry => fixture.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    /// <summary>
    /// Decisions simulated from the learning tests' strong discount response, in the log's folder as a silo would have
    /// written them, their purchases with them.
    /// </summary>
    private static void WriteLog(string name, int count, int seed, DateTimeOffset start) =>
        DecisionLogFolder.Write(LearningClusterFixture.DecisionLogDirectory, name,
            DecisionLogSimulator.Simulate(PriorTruth.Strong, count, exploration: 0.3, seed, LearningClusterFixture.Grid, start, TimeSpan.FromSeconds(30))
                .Select(record => record with { DecisionId = $"{name}-{record.DecisionId}", CustomerId = $"{name}-{record.CustomerId}" }));

    [Fact]
    public async Task A_run_that_finds_nothing_better_serves_the_active_kind_learned_again_from_every_decision()
    {
        var now = LearningClusterFixture.Time.GetUtcNow();
        // 4,500 decisions from three days before the clock: the first run promotes the ensemble learned from them over the prior.
        WriteLog("older", 4500, seed: 5, now.AddDays(-3));
        var first = await RunToEndAsync();
        Assert.True(first is { Status: LearningRunStatus.Completed, Promoted: true, Refreshed: false }, $"{first.Status}, promoted {first.Promoted}, refreshed {first.Refreshed}: {first.Reason}");
        Assert.StartsWith("Promoted: ", first.Reason, StringComparison.Ordinal);
        var promoted = first.CandidateModel!;
        Assert.Equal(promoted, (await Registry.GetAsync()).Active);

        // 1,500 newer decisions of the same truth: the next run holds them out and judges a new ensemble learned from the
        // older 4,500 — from which the active version was learned too, with another seed — against it: neither shown
        // better nor worse, so the active kind is learned again from all 6,000 and served.
        WriteLog("newer", 1500, seed: 6, now.AddDays(-3).AddSeconds(30 * 4500));
        var second = await RunToEndAsync();

        Assert.True(second is { Status: LearningRunStatus.Completed, Promoted: true, Refreshed: true }, $"{second.Status}, promoted {second.Promoted}, refreshed {second.Refreshed}: {second.Reason}");
        Assert.Equal((4500, 1500), (second.TrainingDecisions, second.HeldOutDecisions));
        Assert.StartsWith("Refreshed the active model: its kind, ensemble, learned again from every decision.", second.Reason, StringComparison.Ordinal);
        Assert.True(second.ProfitDifferenceLower <= 0 && second.ProfitDifferenceUpper > 0, $"{second.ProfitDifferenceLower} to {second.ProfitDifferenceUpper}");
        // The refreshed version is a new one the registry serves, and the runs' list tells the refresh from the promotion.
        var registry = await Registry.GetAsync();
        Assert.NotEqual(promoted, second.CandidateModel);
        Assert.Equal((second.CandidateModel, promoted, (string?)null), (registry.Active, registry.Previous, registry.Shadow));
        Assert.Equal(second.CandidateModel, second.ActiveModel);
        var listed = await Learning.GetAsync();
        Assert.Equal([second.RunId, first.RunId], listed.Runs.Take(2).Select(run => run.RunId));
        Assert.Equal([true, false], listed.Runs.Take(2).Select(run => run.Refreshed));
        // A rollback returns to the version the refresh replaced, as after a promotion.
        Assert.Equal(promoted, (await Registry.RollbackAsync()).View.Active);
    }

    /// <summary>
    /// Three networks and the segment model on a few thousand decisions, twice a run, with the other collections' tests
    /// beside them on two cores: up to three minutes.
    /// </summary>
    private Task<LearningRunView> RunToEndAsync() => LearningRuns.RunToEndAsync(Learning, TimeSpan.FromMinutes(3));
}
