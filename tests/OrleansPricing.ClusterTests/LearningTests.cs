using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Learning;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.ClusterTests;

/// <summary>The learning service on the two-silo cluster: it reads both silos' decisions, and a failed run changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LearningTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private ILearningGrain Learning => Grains.GetGrain<ILearningGrain>(ILearningGrain.Default);

    private IModelRegistryGrain Registry => Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    [Fact]
    public async Task A_run_reads_the_decisions_of_both_silos_and_a_failed_run_leaves_serving_untouched()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "learning");
        var headphones = await TestCatalog.DefineHeadphonesAsync(Grains, "learning", inventory: 1000);
        var explored = 0;
        for (var c = 0; c < 60; c++)
        {
            var customerId = $"learning-customer-{c}";
            var quotes = (await Grains.GetGrain<ICustomerGrain>(customerId).QuoteAsync(new QuoteRequest([mug.Sku, headphones.Sku], "web"))).Quotes;
            explored += quotes.Count(quote => quote.Reasons.Contains(DecisionReasons.Exploration));
            if (c % 3 == 0)
            {
                await Grains.GetGrain<IOrderGrain>($"learning-order-{c}").PlaceAsync(
                    new OrderRequest(customerId, [new OrderLineRequest(mug.Sku, 1, quotes.Single(q => q.Sku == mug.Sku).Token)]));
            }
        }

        foreach (var writer in fixture.SiloServices<DecisionLogWriter>())
        {
            await writer.FlushAsync();
        }

        // A run asked for now waits for the quotes to expire (Learning:LabelWait, one minute): before, it found no decision
        // labelled and trained nothing. The fake clock stands still, so it is still waiting a moment later.
        var waiting = await Learning.StartRunAsync("test");
        await Task.Delay(500);
        var waitingView = (await Learning.GetRunAsync(waiting))!;
        Assert.Equal(LearningRunStatus.Running, waitingView.Status);
        Assert.StartsWith("Waiting until ", waitingView.Reason, StringComparison.Ordinal);

        // Every quote has expired, so every decision is labelled; the waiting run reads them now.
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(16));
        var learned = await RunToEndAsync(waiting);
        Assert.True(learned.Status == LearningRunStatus.Completed, $"{learned.Status}: {learned.Reason}");
        Assert.True(learned.TrainingDecisions + learned.HeldOutDecisions >= 120, $"{learned.TrainingDecisions} + {learned.HeldOutDecisions} labelled decisions used");
        // What exploration cost, over the decisions the run used: these quotes' exploration draws among them (the seeded
        // draws gave some; other tests' decisions in the log may add theirs), each logged with the expected profit given up.
        var exploration = learned.Exploration!;
        Assert.Equal(learned.TrainingDecisions + learned.HeldOutDecisions, exploration.Decisions);
        Assert.True(explored > 0 && exploration.Explored >= explored, $"{exploration.Explored} explored decisions used, {explored} explored quotes here");
        // Without a depth tolerance or a minimum gain a draw never beats the level its model chose, by that model.
        Assert.True(exploration.EstimatedCost >= 0, $"estimated cost {exploration.EstimatedCost}");
        // The log names customers by pseudonym only.
        var pseudonyms = (await Task.WhenAll(Enumerable.Range(0, 60).Select(c => Grains.GetGrain<ICustomerGrain>($"learning-customer-{c}").GetPseudonymAsync())))
            .Select(pseudonym => pseudonym!).ToHashSet(StringComparer.Ordinal);
        // A silo's files are one an hour: counted by the silo each names.
        var silosWithDecisions = Directory.GetFiles(ClusterFixture.DecisionLogDirectory, "decisions-*.csv")
            .Where(file => File.ReadLines(file).Any(line => pseudonyms.Contains(line.Split(',')[2])))
            .Select(file => System.Text.RegularExpressions.Regex.Replace(Path.GetFileNameWithoutExtension(file), @"-\d{10}$", ""))
            .Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(2, silosWithDecisions);
        // Exploration is on by default, so each of these lines logs the distribution its level was drawn from: every
        // level the mug or headphones allow, summing to 1, the quoted level at its propensity (checked as the log is read).
        var ours = DecisionLogFolder.Read(ClusterFixture.DecisionLogDirectory, null, TimeSpan.FromMinutes(15)).Where(r => pseudonyms.Contains(r.CustomerId)).ToList();
        Assert.Equal(120, ours.Count);
        Assert.All(ours, r => Assert.True(r.Policy is { Count: > 1 }, $"{r.DecisionId}: {r.Policy?.Count} levels"));

        // A log the run cannot read: the run fails and the registry is as it was.
        var before = await Registry.GetAsync();
        var corrupt = Path.Combine(ClusterFixture.DecisionLogDirectory, "decisions-zz-corrupt.csv");
        await File.WriteAllLinesAsync(corrupt, [DecisionLogCsv.HeaderOf(DecisionLogCsv.Columns), "not,a,decision"]);
        LearningRunView failed;
        try
        {
            failed = await RunToEndAsync();
        }
        finally
        {
            File.Delete(corrupt);
        }

        Assert.Equal(LearningRunStatus.Failed, failed.Status);
        Assert.Contains("Serving is unchanged", failed.Reason, StringComparison.Ordinal);
        var after = await Registry.GetAsync();
        Assert.Equal((before.Active, before.Shadow, before.Versions.Count), (after.Active, after.Shadow, after.Versions.Count));

        // The next run reads everything and registers its candidate: active when promoted, else the shadow on trial.
        var completed = await RunToEndAsync();

        Assert.Equal(LearningRunStatus.Completed, completed.Status);
        Assert.True(completed.DecisionsRead >= 120, $"{completed.DecisionsRead} decisions read");
        var registry = await Registry.GetAsync();
        Assert.Contains(registry.Versions, v => v.Version == completed.CandidateModel);
        Assert.Equal(completed.Promoted ? completed.CandidateModel : before.Active, registry.Active);
        // Promoted, the shadow is cleared — or, when what was promoted is the shadow, holds the run's new candidate on trial.
        if (completed.Promoted && registry.Shadow is { } next)
        {
            Assert.Contains($"{next} (", completed.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(completed.Promoted ? null : completed.CandidateModel, registry.Shadow);
        }
        Assert.Equal(completed.RunId, (await Learning.GetAsync()).Runs[0].RunId);
    }

    /// <summary>A run on the small logs these tests make: seconds.</summary>
    private Task<LearningRunView> RunToEndAsync(string? started = null) => LearningRuns.RunToEndAsync(Learning, TimeSpan.FromSeconds(30), started);
}
