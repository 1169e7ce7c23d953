using System.Text.RegularExpressions;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Learning;

public sealed class LearningRunTests
{
    private static readonly LogisticResponseModel Truth = PriorTruth.Strong;

    private static readonly PricingOptions Pricing = new() { DiscountGrid = [.. SyntheticLog.Grid], MaxCustomerDiscount = 0.3 };

    private static readonly LearningOptions Options = new() { MinDecisions = 500, BootstrapResamples = 200 };

    private static float[] Score(IResponseModel model, float[] rows, int count)
    {
        var matrix = new FeatureMatrix(count);
        rows.AsSpan(0, count * FeatureDefinition.Count).CopyTo(matrix.Values);
        return model.PredictAsync(matrix).AsTask().Result;
    }

    /// <summary>Every level scores alike: the policy it induces is list price everywhere.</summary>
    private static float[] Flat(float[] rows, int count) => Enumerable.Repeat(0.05f, count).ToArray();

    [Fact]
    public void The_network_steps_up_at_each_level_the_log_quoted_after_the_smallest()
    {
        var log = SyntheticLog.Generate(Truth, 600, exploration: 0.5, seed: 3);

        Assert.Equal([0.2, 0.3], LearningRun.StepsOf(log).Select(s => Math.Round(s, 6)));
        Assert.Equal([0.1, 0.2, 0.3], log.Select(r => Math.Round(r.Discount, 6)).Where(d => d > 0).Distinct().Order());
        // The trained network carries them, so serving steps where training did.
        Assert.Equal(LearningRun.StepsOf(log), LearningRun.TrainNetwork(log, Options, new NetworkShape([8], 2)).Shape.Steps);
    }

    [Fact]
    public void A_log_of_more_levels_than_a_network_steps_at_gets_as_many_steps_spread_over_them()
    {
        // 40 levels, 1% apart: the 39 after the smallest are thinned to the most a network gets, first and last kept.
        var log = SyntheticLog.Generate(Truth, 40, exploration: 0, seed: 3).Select((r, i) => r with { Discount = 0.01 * (i + 1) }).ToList();

        var steps = LearningRun.StepsOf(log);

        Assert.Equal(LearningRun.MaxNetworkSteps, steps.Count);
        Assert.Equal(0.02, steps[0], 9);
        Assert.Equal(0.40, steps[^1], 9);
        Assert.Equal(steps.Order(), steps);
    }

    [Fact]
    public void Newton_recovers_the_coefficients_that_generated_the_outcomes()
    {
        var log = SyntheticLog.Generate(Truth, 30_000, exploration: 0.5, seed: 3);

        var learned = LearningRun.Train(log, new LearningOptions { L2 = 0 }, ModelKinds.Logistic);

        // Outcomes are Bernoulli draws, so the fit is not exact; its predictions must track the truth far closer than the
        // base rate does.
        var row = new float[FeatureDefinition.Count];
        var baseRate = log.Average(r => r.Purchased == true ? 1.0 : 0.0);
        var errors = log.Take(2000).Select(record =>
        {
            record.WriteFeatures(row);
            var truth = Truth.Predict(row);
            return (Learned: Math.Abs(learned.Predict(row, 1)[0] - truth), BaseRate: Math.Abs(baseRate - truth));
        }).ToList();
        Assert.True(errors.Average(e => e.Learned) < 0.2 * errors.Average(e => e.BaseRate),
            $"mean absolute error {errors.Average(e => e.Learned):F4} against {errors.Average(e => e.BaseRate):F4} for the base rate");
    }

    [Fact]
    public void Weights_count_like_repeated_rows()
    {
        var rows = new float[] { 0, 1, 1, 0, 1, 1, 0.5f, 0.5f };
        var labels = new[] { true, false, true, false };
        var twice = new float[] { 0, 1, 0, 1, 1, 0, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f, 1, 0 };

        var weighted = WeightedLogisticRegression.Fit(rows, 2, labels, [2, 1, 1, 1], l2: 0.01);
        var repeated = WeightedLogisticRegression.Fit(twice[..10].Concat(new float[] { 1, 1 }).ToArray().AsSpan(0, 10), 2,
            [true, true, false, true, false], [1, 1, 1, 1, 1], l2: 0.01);

        Assert.Equal(repeated.Intercept, weighted.Intercept, 9);
        Assert.Equal(repeated.Coefficients, weighted.Coefficients, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void A_candidate_that_beats_a_flat_active_model_is_promoted()
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);

        var outcome = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1);

        Assert.True(outcome.Promote, outcome.Reason);
        Assert.True(outcome.DifferenceLower > 0);
        Assert.Equal((4500, 1500), (outcome.TrainingDecisions, outcome.HeldOutDecisions));
        // The promoted candidate is the newest model there is: nothing to try against it. No shadow was on trial: no arms to read.
        Assert.Null(outcome.NextTrial);
        Assert.Null(outcome.Trial);
    }

    [Fact]
    public void The_confidence_the_caller_asks_for_sets_the_bound_a_candidate_must_clear()
    {
        // A small log: the candidate is estimated better than the flat active model, shown so at 60% and not at 99%.
        var log = SyntheticLog.Generate(Truth, 1500, exploration: 0.3, seed: 1);

        var lenient = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1, promotionConfidence: 0.6);
        var strict = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1, promotionConfidence: 0.99);

        Assert.Equal(lenient.DifferenceMean, strict.DifferenceMean);
        Assert.True(lenient.Promote, lenient.Reason);
        Assert.False(strict.Promote, strict.Reason);
        Assert.True(strict.DifferenceLower < 0 && lenient.DifferenceLower > 0, $"{strict.DifferenceLower} {lenient.DifferenceLower}");
        Assert.Contains("(60 % interval ", lenient.Reason);
        Assert.Contains("but its 99 % lower bound ", strict.Reason);
        // The bar a later kind must clear over the first stays at Learning:PromotionConfidence whatever the caller asks.
        static int KindBar(string reason) => reason.IndexOf(" Not weighed: ", StringComparison.Ordinal);
        Assert.Equal(strict.Reason[KindBar(strict.Reason)..], lenient.Reason[KindBar(lenient.Reason)..]);
        // Unasked, the run holds the candidate to Learning:PromotionConfidence.
        var unasked = LearningRun.Execute(
            log, Flat, new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, PromotionConfidence = 0.99 }, Pricing, _ => "all", seed: 1);
        Assert.Equal(strict.Reason[..KindBar(strict.Reason)], unasked.Reason[..KindBar(unasked.Reason)]);
    }

    [Fact]
    public void A_run_waits_for_the_quotes_of_the_decisions_made_before_it_but_not_past_its_bound()
    {
        var t = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var records = SyntheticLog.Generate(Truth, 4, exploration: 0.3, seed: 5);
        List<DecisionRecord> log =
        [
            records[0] with { Timestamp = t.AddMinutes(-10), Purchased = false },
            records[1] with { Timestamp = t.AddSeconds(-20), Purchased = null },
            records[2] with { Timestamp = t.AddSeconds(-5), Purchased = null },
            records[3] with { Timestamp = t.AddSeconds(1), Purchased = null },
        ];
        var ttl = TimeSpan.FromSeconds(30);

        Assert.Equal(t.AddSeconds(25), LearningRun.LabelledBy(log, t, ttl, TimeSpan.FromMinutes(1)));
        Assert.Equal(t.AddSeconds(10), LearningRun.LabelledBy(log, t, ttl, TimeSpan.FromSeconds(10)));
        Assert.Null(LearningRun.LabelledBy(log.Take(1), t, ttl, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_run_learns_from_the_newest_decisions_up_to_its_maximum()
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);

        var outcome = LearningRun.Execute(log, Flat, new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxDecisions = 4000 }, Pricing, _ => "all", seed: 1);

        Assert.Equal(6000, outcome.DecisionsRead);
        Assert.Equal((3000, 1000), (outcome.TrainingDecisions, outcome.HeldOutDecisions));
        Assert.Contains("Learned from the newest 4,000 of the 6,000 labelled decisions read (Learning:MaxDecisions).", outcome.Reason);
        Assert.Equal([0.1, 0.2, 0.3], outcome.BlanketCoupons!.Select(c => c.Discount)); // judged on the same 1,000 held-out decisions
    }

    [Fact]
    public void A_run_reports_what_exploration_cost_over_the_decisions_it_used()
    {
        // Every tenth decision an exploration draw that gave up 0.25 of expected profit, every thirtieth one at its best
        // level (0); the run uses the newest 4,000 of 6,000, so the draws among the older 2,000 do not count. (These
        // replace the simulator's own draws.)
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5)
            .Select((r, i) => r with { ExplorationCost = i % 10 != 0 ? null : i % 30 == 0 ? 0 : 0.25 }).ToList();
        var used = LearningRun.InTimeOrder(log)[^4000..];
        var (explored, costly) = (used.Count(r => r.ExplorationCost is not null), used.Count(r => r.ExplorationCost is > 0));

        var outcome = LearningRun.Execute(log, Flat, new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxDecisions = 4000 }, Pricing, _ => "all", seed: 1);

        Assert.Equal((4000, explored, costly * 0.25), (outcome.Exploration!.Decisions, outcome.Exploration.Explored, outcome.Exploration.EstimatedCost));
        Assert.InRange(explored, 350, 450); // about a tenth of 4,000, whatever order the log's times put them in
    }

    [Theory]
    [InlineData(6.0, false)] // customers a discount moves: every coupon beats quoting list price everywhere
    [InlineData(-6.0, true)] // customers a discount puts off: list price beats every coupon
    public void Blanket_coupons_are_judged_against_the_active_policy_on_a_log_of_a_known_response(double discountCoefficient, bool listBetter)
    {
        var truth = PriorTruth.With(discountCoefficient);
        var heldOut = HeldOutDecisions.Prepare(SyntheticLog.Generate(truth, 4000, exploration: 0.3, seed: 5), Pricing.DiscountGrid, Pricing.MaxCustomerDiscount);
        var response = Score(truth, heldOut.Rows.Values, heldOut.Rows.Rows);
        // The active policy quotes list price everywhere (a flat model's), judged with the true response as its direct part.
        var listPrice = new OffPolicyEvaluation.Scored(response, new int[heldOut.Count]);
        var active = OffPolicyEvaluation.DoublyRobustTerms(heldOut, listPrice, Options.MaxImportanceWeight);

        var coupons = LearningRun.BlanketCoupons(heldOut, response, active, Options, 0.9, seed: 1);

        Assert.Equal([0.1, 0.2, 0.3], coupons.Select(c => c.Discount));
        Assert.All(coupons, c => Assert.Equal(listBetter, c.ActiveDifference > 0));
        Assert.All(coupons, c => Assert.Equal(listBetter, c.ActiveDifferenceLower > 0));
        Assert.All(coupons, c => Assert.Equal(!listBetter, c.ActiveDifferenceUpper < 0));
        Assert.All(coupons, c => Assert.Equal(listBetter ? "active" : "coupon", c.ShownBetter));
        Assert.All(coupons, c => Assert.InRange(c.MeanDiscount, 0.05, c.Discount + 1e-12));
    }

    [Fact]
    public void A_comparison_with_a_coupon_few_decisions_agree_with_shows_neither_better()
    {
        var heldOut = HeldOutDecisions.Prepare(SyntheticLog.Generate(Truth, 4000, exploration: 0.3, seed: 5), Pricing.DiscountGrid, Pricing.MaxCustomerDiscount);
        var response = Score(Truth, heldOut.Rows.Values, heldOut.Rows.Rows);
        var active = OffPolicyEvaluation.DoublyRobustTerms(heldOut, new OffPolicyEvaluation.Scored(response, new int[heldOut.Count]), Options.MaxImportanceWeight);
        var strict = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MinEffectiveSampleSize = 10_000 };

        var coupons = LearningRun.BlanketCoupons(heldOut, response, active, strict, 0.9, seed: 1);

        // The same figures as with the default bar, every bound below 0, but under 10,000 effective decisions agree with each.
        Assert.All(coupons, c => Assert.True(c.ActiveDifferenceUpper < 0 && c.EffectiveSampleSize < 10_000));
        Assert.All(coupons, c => Assert.Null(c.ShownBetter));
    }

    [Fact]
    public void The_list_price_figure_is_judged_on_every_held_out_decision_also_when_none_was_quoted_at_list_price()
    {
        // The newest quarter is held out; in the second log no decision after the 4,000th is at list price, as when a
        // learned policy discounts everyone and exploration drew no list price. (Until 2026-12-04 the figure was the
        // self-normalized IPS of the decisions logged at list price alone: 0 there.)
        var log = LearningRun.InTimeOrder(SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5));
        var withoutList = log.Take(4000).Concat(log.Skip(4000).Where(r => r.Discount > 0)).ToList();
        double TrueListProfit(IReadOnlyList<DecisionRecord> heldOut)
        {
            var decisions = HeldOutDecisions.Prepare(heldOut, Pricing.DiscountGrid, Pricing.MaxCustomerDiscount);
            var truth = Score(Truth, decisions.Rows.Values, decisions.Rows.Rows);
            return Enumerable.Range(0, decisions.Count).Average(i => truth[i * decisions.Grid.Count] * decisions.Margins[i * decisions.Grid.Count]);
        }

        var outcome = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1);
        var truth = TrueListProfit(log[outcome.TrainingDecisions..]);
        Assert.InRange(outcome.ListPriceProfit!.Value, 0.9 * truth, 1.1 * truth);

        outcome = LearningRun.Execute(withoutList, Flat, Options, Pricing, _ => "all", seed: 1);
        var heldOut = withoutList[outcome.TrainingDecisions..];
        Assert.DoesNotContain(heldOut, r => r.Discount == 0);
        // Only the learned response speaks for list price there: within a third of the truth.
        truth = TrueListProfit(heldOut);
        Assert.InRange(outcome.ListPriceProfit!.Value, 0.67 * truth, 1.33 * truth);
    }

    [Fact]
    public void The_ensemble_is_the_same_model_whether_its_parts_train_one_at_a_time_or_together()
    {
        var log = SyntheticLog.Generate(Truth, 1200, exploration: 0.3, seed: 4);
        var rows = new float[log.Count * FeatureDefinition.Count];
        for (var i = 0; i < log.Count; i++)
        {
            log[i].WriteFeatures(rows.AsSpan(i * FeatureDefinition.Count, FeatureDefinition.Count));
        }

        var inTurn = LearningRun.Train(log, new LearningOptions { TrainingThreads = 1 }, ModelKinds.Ensemble, seed: 2);
        var together = LearningRun.Train(log, new LearningOptions { TrainingThreads = 4 }, ModelKinds.Ensemble, seed: 2);
        var otherSeed = LearningRun.Train(log, new LearningOptions { TrainingThreads = 4 }, ModelKinds.Ensemble, seed: 3);

        Assert.Equal(inTurn.Predict(rows, log.Count), together.Predict(rows, log.Count));
        // The networks' seeds are what tell trainings apart: another seed is another model.
        Assert.NotEqual(inTurn.Predict(rows, log.Count), otherSeed.Predict(rows, log.Count));
    }

    [Fact]
    public void The_segment_model_and_the_interaction_model_are_judged_but_not_weighed_unless_shown_better_than_the_ensemble()
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);
        var progress = new List<string>();

        var outcome = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1, progress: progress.Add);

        Assert.Equal([ModelKinds.Segments, ModelKinds.Ensemble, ModelKinds.LogisticInteractions], outcome.CandidatesByKind.Keys.Order());
        // Told as it goes: each of the ensemble's parts as it is trained, to judge and again, on every decision, to serve.
        var parts = Enumerable.Range(1, EnsembleModel.Networks + 2).Select(n => $"Trained {n} of the ensemble's {EnsembleModel.Networks + 2} parts (").ToList();
        Assert.Equal(
            ["Training the candidates on 4500 decisions; the newest 1500 are held out to judge them.", .. parts,
                "Judging 3 candidates against the active model on 1500 held-out decisions.",
                "Judging list price and the blanket coupons, and the fairness report.",
                "Judged. Training the ensemble candidate again on all 6000 decisions, the held-out ones included, to serve.", .. parts],
            progress.Select(line => line.StartsWith("Trained ", StringComparison.Ordinal) ? line[..(line.IndexOf('(', StringComparison.Ordinal) + 1)] : line));
        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate?.Kind);
        Assert.Contains($"Not weighed: {ModelKinds.Segments}, profit per decision ", outcome.Reason);
        Assert.Contains($"Not weighed: {ModelKinds.LogisticInteractions}, profit per decision ", outcome.Reason);
        Assert.Contains($" against {ModelKinds.Ensemble}, lower bound ", outcome.Reason);
        // What is served is refitted on every decision: the interaction model, the networks and the segment model, averaged.
        var served = Assert.IsType<EnsembleModel>(outcome.Candidate);
        Assert.Equal([ModelKinds.LogisticInteractions, .. Enumerable.Repeat(ModelKinds.ResponseNetwork, EnsembleModel.Networks), ModelKinds.Segments], served.Parts.Select(part => part.Model.Kind));
    }

    [Fact]
    public void A_cancelled_run_stops_at_its_next_step()
    {
        var log = SyntheticLog.Generate(Truth, 2000, exploration: 0.3, seed: 6);
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, TrainingThreads = 1 };
        using var cancel = new CancellationTokenSource();
        var progress = new List<string>();

        // Cancelled as the second of the ensemble's parts is reported trained: the third is never begun.
        Assert.ThrowsAny<OperationCanceledException>(() => LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1,
            progress: line =>
            {
                progress.Add(line);
                if (line.StartsWith("Trained 2 of ", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            },
            cancellationToken: cancel.Token));
        Assert.Equal(3, progress.Count);
        Assert.StartsWith("Trained 2 of the ensemble's 5 parts (", progress[^1], StringComparison.Ordinal);

        // Cancelled before it began: nothing is trained.
        progress.Clear();
        Assert.ThrowsAny<OperationCanceledException>(() => LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1,
            progress: progress.Add, cancellationToken: cancel.Token));
        Assert.Empty(progress);
    }

    [Theory]
    [InlineData(ModelKinds.Segments)]
    [InlineData(ModelKinds.LogisticInteractions)]
    [InlineData(ModelKinds.ResponseNetwork)]
    public void Each_part_stops_inside_its_training_when_cancelled(string kind)
    {
        // Each trainer checks the token itself (each Newton step, each mini-batch), so a cancelled run does not wait for
        // the part it is training to end: a token cancelled before training begins stops every kind there.
        var log = SyntheticLog.Generate(Truth, 2000, exploration: 0.3, seed: 6);
        var options = new LearningOptions { MinDecisions = 500 };
        Assert.ThrowsAny<OperationCanceledException>(() => LearningRun.Train(log, options, kind, seed: 1, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(kind, LearningRun.Train(log, options, kind, seed: 1).Kind);
    }

    [Fact]
    public void A_later_kind_is_weighed_only_when_shown_better_than_the_first_on_the_same_decisions()
    {
        // Per-decision doubly robust terms of three kinds on 400 decisions: the second earns 1 more on every decision than
        // the first, give or take a seeded ±0.5; the third is the first's equal, give or take the same noise.
        var random = new Random(3);
        var first = Enumerable.Range(0, 400).Select(i => 5.0 + (i % 7)).ToArray();
        var better = first.Select(t => t + 1 + (random.NextDouble() - 0.5)).ToArray();
        var equal = first.Select(t => t + (random.NextDouble() - 0.5)).ToArray();

        var passedOver = LearningRun.PassedOver([first, better, equal], Options, seed: 1);

        var over = Assert.Single(passedOver);
        Assert.Equal(2, over.Index);
        Assert.True(over.Difference.Lower <= 0 && over.Difference.Upper > 0, $"{over.Difference}");
        // Shown worse than the first is passed over too.
        Assert.Equal(1, Assert.Single(LearningRun.PassedOver([better, first], Options, seed: 1)).Index);
    }

    [Fact]
    public void A_candidate_shown_better_is_weighed_against_the_active_model_before_one_only_estimated_higher()
    {
        // Estimated highest but not shown better; shown better; shown better on too few agreeing decisions.
        JudgedCandidate[] judged = [New(0.1, -0.2, 6.0, 400), New(0.3, 0.1, 5.5, 400), New(0.5, 0.3, 5.8, 20)];

        Assert.Equal(1, LearningRun.Weighed(judged, minEffectiveSampleSize: 50).Index);
        // None shown better: the best estimate, for a trial.
        Assert.Equal(0, LearningRun.Weighed(judged, minEffectiveSampleSize: 500).Index);
    }

    [Fact]
    public void Without_one_shown_better_the_shadow_estimated_better_on_its_trial_stays_before_any_new_candidate()
    {
        // A new candidate estimated higher, and the shadow estimated better than the active model on its trial quotes.
        JudgedCandidate[] judged = [New(0.4, -0.3, 6.5, 300), New(0.2, -0.1, 6.1, 3000, onTrial: true)];
        Assert.Equal(1, LearningRun.Weighed(judged, minEffectiveSampleSize: 50).Index);

        // The shadow estimated worse on its trial: the best new candidate gets a trial instead, even one estimated lower.
        JudgedCandidate[] shadowWorse = [New(-0.3, -0.6, 5.2, 300), New(-0.1, -0.4, 5.5, 300), New(-0.05, -0.2, 5.9, 3000, onTrial: true)];
        Assert.Equal(1, LearningRun.Weighed(shadowWorse, minEffectiveSampleSize: 50).Index);

        // Shown better beats the shadow's mere estimate; and when both are shown better, the new candidate, which learned
        // from more decisions, goes first.
        JudgedCandidate[] shownBetter = [New(0.3, 0.05, 5.8, 300), New(0.4, -0.1, 6.1, 3000, onTrial: true)];
        Assert.Equal(0, LearningRun.Weighed(shownBetter, minEffectiveSampleSize: 50).Index);
        JudgedCandidate[] bothShownBetter = [New(0.3, 0.05, 5.8, 300), New(0.4, 0.1, 6.1, 3000, onTrial: true)];
        Assert.Equal(0, LearningRun.Weighed(bothShownBetter, minEffectiveSampleSize: 50).Index);
        Assert.Equal(1, LearningRun.Weighed([New(0.3, -0.05, 5.8, 300), New(0.4, 0.1, 6.1, 3000, onTrial: true)], minEffectiveSampleSize: 50).Index);
    }

    [Fact]
    public void A_new_candidate_estimated_better_than_the_shadow_on_the_same_decisions_takes_its_trial_over()
    {
        // The shadow leads the active model on its trial quotes; of the new candidates, the second is estimated better than
        // the shadow on the held-out decisions, by more than the first.
        JudgedCandidate[] judged = [New(0.1, -0.4, 5.0, 300, overShadow: 0.05), New(0.05, -0.5, 4.9, 300, overShadow: 0.2), New(0.3, -0.1, 6.1, 3000, onTrial: true)];
        Assert.Equal((1, true), LearningRun.Weighed(judged, minEffectiveSampleSize: 50));

        // None estimated better than the shadow: it keeps its trial, even against a higher estimate on other decisions.
        JudgedCandidate[] shadowAhead = [New(0.1, -0.4, 6.5, 300, overShadow: -0.05), New(0.3, -0.1, 6.1, 3000, onTrial: true)];
        Assert.Equal((1, false), LearningRun.Weighed(shadowAhead, minEffectiveSampleSize: 50));
    }

    private static JudgedCandidate New(double mean, double lower, double doublyRobust, double effectiveSampleSize, bool onTrial = false, double overShadow = 0) =>
        new(mean, lower, new PolicyEstimate(doublyRobust, doublyRobust, effectiveSampleSize, 100, 0.05, 0.6, 0.3), onTrial, overShadow);

    [Fact]
    public void The_trial_period_runs_from_the_shadows_first_quote_and_from_the_last_change_of_the_active_version()
    {
        var log = SyntheticLog.Generate(Truth, 100, exploration: 0.3, seed: 3);
        static List<DecisionRecord> Priced(List<DecisionRecord> log, Func<int, string> model) =>
            [.. log.Select((r, i) => r with { Model = model(i) })];

        // The prior priced the first 40; from the 40th on, every third quote went to the shadow on trial.
        var trial = Priced(log, i => i >= 40 && i % 3 == 1 ? "onnx-response@learned-0002" : "onnx-response@prior");
        Assert.Equal(trial.Skip(40).Select(r => r.DecisionId), LearningRun.TrialPeriod(trial, "learned-0002")!.Select(r => r.DecisionId));
        // Another version became active at 70 while the shadow stayed: the two are compared from 70 only.
        var changed = Priced(log, i => i >= 40 && i % 3 == 1 ? "onnx-response@learned-0002" : i >= 70 ? "onnx-response@learned-0001" : "onnx-response@prior");
        Assert.Equal(changed.Skip(70).Select(r => r.DecisionId), LearningRun.TrialPeriod(changed, "learned-0002")!.Select(r => r.DecisionId));
        // A shadow that priced nothing has no trial period; a version whose name ends another's is not it.
        Assert.Null(LearningRun.TrialPeriod(trial, "learned-0003"));
        Assert.Null(LearningRun.TrialPeriod(trial, "0002"));
    }

    [Fact]
    public void A_shadow_on_trial_for_longer_than_the_held_out_quarter_is_judged_on_all_its_trial_decisions_and_promoted_as_it_is()
    {
        // 6,000 decisions, the shadow (the true model) on trial over the newest half: a quarter is held out for the new
        // candidates, the shadow is judged on all 3,000 of its trial's decisions. Requiring 1,600 effective decisions, more
        // than the held-out 1,500 can give, leaves the shadow the only candidate the rule can promote.
        var outcome = RunWithShadowOnTrial("truth-1", (rows, count) => Score(Truth, rows, count), minEffectiveSampleSize: 1600);

        // The three kinds the loop trains, and the shadow.
        Assert.Equal([ModelKinds.Segments, ModelKinds.Ensemble, ModelKinds.LogisticInteractions, LearningRun.ShadowName("truth-1")], outcome.CandidatesByKind.Keys.Order());
        Assert.Equal(1500, outcome.HeldOutDecisions);
        Assert.True(outcome.CandidatesByKind[LearningRun.ShadowName("truth-1")].Agreeing > 1500);
        Assert.Equal("truth-1", outcome.ChosenShadow);
        Assert.Null(outcome.Candidate);
        Assert.True(outcome.Promote, outcome.Reason);
        // The shadow learned from fewer decisions than the new candidates: the best of them, refitted on every decision,
        // goes on trial against it at once — the ensemble, the only kind weighed (the others were not shown better).
        Assert.Equal(ModelKinds.Ensemble, outcome.NextTrial?.Kind);
        Assert.Contains("Not weighed: behaviour-segments", outcome.Reason);
        Assert.Contains("Not weighed: logistic-interactions", outcome.Reason);
    }

    [Fact]
    public void A_shadow_that_is_not_promoted_leaves_no_next_trial()
    {
        var outcome = RunWithShadowOnTrial("quarter-1", QuarterTruth, minEffectiveSampleSize: 100_000);

        Assert.False(outcome.Promote);
        Assert.Null(outcome.NextTrial);
    }

    [Fact]
    public void The_reason_says_when_a_new_candidate_takes_the_shadows_trial_over()
    {
        // The shadow on trial over the newest half expects a quarter of the truth's response to a discount: better than the
        // flat active model, worse than candidates that learn the truth. No candidate can pass the evidence tests (an
        // effective sample no log here has), so the shadow's lead would keep its trial but for a better new candidate.
        var outcome = RunWithShadowOnTrial("quarter-1", QuarterTruth, minEffectiveSampleSize: 100_000);

        Assert.NotNull(outcome.Candidate);
        Assert.Null(outcome.ChosenShadow);
        Assert.False(outcome.Promote);
        Assert.Matches(@" It takes over the trial of quarter-1: profit per decision \+\d\.\d{3} against it on the held-out decisions\.", outcome.Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_shadow_is_judged_by_what_each_arm_of_its_trial_earned_when_that_shows_more_than_the_models_estimates(bool shadowArmBuys)
    {
        // The shadow scores as the active model does, so the doubly robust comparison sees no difference; but over its trial
        // (every other decision of the newest half) the quotes it priced were all bought, or none of them were.
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5)
            .Select((r, i) => i >= 3000 && i % 2 == 0
                ? r with { Model = "onnx-response@same-1", Purchased = shadowArmBuys, ShadowArm = true }
                : r with { Model = "onnx-response@prior", ShadowArm = i >= 3000 ? false : null })
            .ToList();
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MinEffectiveSampleSize = 50 };

        var arms = ArmsOf(log, "same-1");
        var outcome = LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1, shadowVersion: "same-1", shadowModel: Flat);

        Assert.NotNull(arms);
        Assert.Equal((1500, 1500), (arms.Value.Shadow.Sum(quote => quote.Lines), arms.Value.Active.Sum(quote => quote.Lines)));
        Assert.Equal(shadowArmBuys, arms.Value.Shadow.All(quote => quote.Profit > 0));
        // The run reports what each arm earned, whatever decided it.
        var trial = outcome.Trial!;
        Assert.Equal(("same-1", 1500, 1500), (trial.ShadowVersion, trial.ShadowLines, trial.ActiveLines));
        Assert.Equal(arms.Value.Shadow.Sum(quote => quote.Profit) / 1500, trial.ShadowProfitPerLine, 12);
        Assert.Equal(arms.Value.Active.Sum(quote => quote.Profit) / 1500, trial.ActiveProfitPerLine, 12);
        // No line marked either way (a log before the mark): the difference is that of the two profits.
        Assert.Equal(trial.ShadowProfitPerLine - trial.ActiveProfitPerLine, trial.Difference, 12);
        Assert.InRange(trial.Difference, trial.Lower, trial.Upper);
        Assert.Equal(shadowArmBuys, trial.ShadowProfitPerLine > 0);
        if (shadowArmBuys)
        {
            Assert.True(outcome.Promote, outcome.Reason);
            Assert.Equal("same-1", outcome.ChosenShadow);
            Assert.Contains("by what the quotes of each arm of its trial earned", outcome.Reason);
        }
        else
        {
            // Its arm earned nothing: never promoted (a new candidate may be, on its own evidence).
            Assert.False(outcome.Promote && outcome.ChosenShadow == "same-1", outcome.Reason);
        }
    }

    [Theory]
    [InlineData(ModelKinds.LogisticInteractions, true, true)]
    [InlineData(ModelKinds.LogisticInteractions, false, false)]
    [InlineData(null, true, false)]
    [InlineData("uploaded-kind", true, false)]
    public void A_promoted_shadow_the_cluster_learned_is_served_learned_again_from_every_decision(string? shadowKind, bool refresh, bool refreshed)
    {
        // The shadow's arm bought every quote of its trial: it is promoted by what its arms earned (as above).
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5)
            .Select((r, i) => i >= 3000 && i % 2 == 0
                ? r with { Model = "onnx-response@learned-0001", Purchased = true, ShadowArm = true }
                : r with { Model = "onnx-response@prior", ShadowArm = i >= 3000 ? false : null })
            .ToList();
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MinEffectiveSampleSize = 50, RefreshPromotedShadow = refresh };

        var outcome = LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1, shadowVersion: "learned-0001", shadowModel: Flat, shadowKind: shadowKind);

        Assert.True(outcome.Promote, outcome.Reason);
        Assert.Contains("by what the quotes of each arm of its trial earned", outcome.Reason);
        // What is served, the refit or the next trial, learned from every labelled decision (the judged ones from 4,500).
        Assert.Equal((6000, 4500), (outcome.ServedDecisions, outcome.TrainingDecisions));
        if (refreshed)
        {
            // Its kind learned from all 6,000 decisions is what is promoted, with no trial after it.
            Assert.Null(outcome.ChosenShadow);
            Assert.Null(outcome.NextTrial);
            Assert.Equal(shadowKind, outcome.Candidate!.Kind);
            Assert.Contains($" Served as {shadowKind} learned again from all 6,000 labelled decisions, the kind its trial judged (Learning:RefreshPromotedShadow).", outcome.Reason);
            var everyDecision = LearningRun.Train(LearningRun.InTimeOrder(log), options, shadowKind!, seed: 1);
            var rows = new float[50 * FeatureDefinition.Count];
            for (var i = 0; i < 50; i++)
            {
                log[i].WriteFeatures(rows.AsSpan(i * FeatureDefinition.Count, FeatureDefinition.Count));
            }

            Assert.Equal(everyDecision.Predict(rows, 50), outcome.Candidate.Predict(rows, 50));
        }
        else
        {
            // Served as it was, with the run's best new candidate on trial against it.
            Assert.Equal("learned-0001", outcome.ChosenShadow);
            Assert.Null(outcome.Candidate);
            Assert.NotNull(outcome.NextTrial);
            Assert.DoesNotContain("Served as", outcome.Reason);
        }
    }

    [Fact]
    public void Lines_either_arm_would_have_quoted_alike_earn_nothing_in_the_comparison_of_the_arms()
    {
        // The shadow's arm bought every quote, but on lines where the versions chose alike (or exploration drew a level neither
        // chose): that says nothing of the difference between them, so it neither counts nor promotes.
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5)
            .Select((r, i) => i >= 3000 && i % 2 == 0
                ? r with { Model = "onnx-response@same-1", Purchased = true, ShadowArm = true, TrialLevelsDiffer = false }
                : r with { Model = "onnx-response@prior", ShadowArm = i >= 3000 ? false : null, TrialLevelsDiffer = i >= 3000 ? false : null })
            .ToList();
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MinEffectiveSampleSize = 50 };

        var arms = ArmsOf(log, "same-1");
        var outcome = LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1, shadowVersion: "same-1", shadowModel: Flat);

        Assert.Equal((1500, 1500), (arms?.Shadow.Sum(quote => quote.Lines), arms?.Active.Sum(quote => quote.Lines)));
        Assert.All(arms!.Value.Shadow.Concat(arms.Value.Active), quote => Assert.Equal(0, quote.Profit));
        Assert.False(outcome.Promote && outcome.ChosenShadow == "same-1", outcome.Reason);
        // The readout shows what each arm's lines earned; the difference counts none of them.
        Assert.True(outcome.Trial!.ShadowProfitPerLine > 0);
        Assert.Equal(0.0, outcome.Trial.Difference);

        // The same lines marked as decided by their arm (or from a log written before the mark, null) count what they earned.
        Assert.All(ArmsOf([.. log.Select(r => r with { TrialLevelsDiffer = r.ShadowArm is null ? null : true })], "same-1")!.Value.Shadow, quote => Assert.True(quote.Profit > 0));
        Assert.All(ArmsOf([.. log.Select(r => r with { TrialLevelsDiffer = null })], "same-1")!.Value.Shadow, quote => Assert.True(quote.Profit > 0));
    }

    [Fact]
    public void Only_the_quotes_the_trial_drew_are_compared_and_each_arm_needs_its_minimum()
    {
        // From decision 400 on, every other quote priced by the shadow; the active version's quotes a trial drew are every
        // fourth (the others, say a campaign's, were never drawn).
        List<DecisionRecord> Trial(int count) => [.. SyntheticLog.Generate(Truth, count, exploration: 0.3, seed: 5)
            .Select((r, i) => i < 400 ? r with { Model = "onnx-response@prior" }
                : i % 2 == 0 ? r with { Model = "onnx-response@same-1", ShadowArm = true }
                : r with { Model = "onnx-response@prior", ShadowArm = i % 4 == 1 ? false : null })];

        var arms = ArmsOf(Trial(4400), "same-1");
        Assert.Equal((2000, 1000), (arms?.Shadow.Sum(quote => quote.Lines), arms?.Active.Sum(quote => quote.Lines)));
        Assert.Null(ArmsOf(Trial(2300), "same-1")); // 475 drawn quotes of the active version

        // Lines of one quote (one customer, one instant) are one draw: two lines a quote, half as many quotes an arm.
        var twoLineQuotes = Trial(4400).Select((r, i) => i % 2 == 1 ? r : r with { CustomerId = $"pair-{i}" }).ToList();
        for (var i = 0; i < twoLineQuotes.Count - 2; i += 4)
        {
            // Decisions i and i + 2 are of one arm; make them one quote.
            twoLineQuotes[i + 2] = twoLineQuotes[i + 2] with { CustomerId = twoLineQuotes[i].CustomerId, Timestamp = twoLineQuotes[i].Timestamp };
        }

        var paired = ArmsOf(twoLineQuotes, "same-1");
        Assert.Equal((1000, 2000), (paired?.Shadow.Length, paired?.Shadow.Sum(quote => quote.Lines)));
    }

    private static ((double Profit, int Lines)[] Shadow, (double Profit, int Lines)[] Active)? ArmsOf(List<DecisionRecord> log, string shadowVersion) =>
        LearningRun.TrialArms(LearningRun.TrialPeriod(LearningRun.InTimeOrder(log), shadowVersion)!);

    /// <summary>
    /// A run on 6,000 decisions of the truth (30% explored) with the flat model active and <paramref name="shadowVersion"/>
    /// on trial over the newest half (every other decision priced by it).
    /// </summary>
    private static LearningOutcome RunWithShadowOnTrial(string shadowVersion, Func<float[], int, float[]> shadowModel, double minEffectiveSampleSize)
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5)
            .Select((r, i) => r with { Model = i >= 3000 && i % 2 == 0 ? $"onnx-response@{shadowVersion}" : "onnx-response@prior" })
            .ToList();
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MinEffectiveSampleSize = minEffectiveSampleSize };
        return LearningRun.Execute(log, Flat, options, Pricing, _ => "all", seed: 1, shadowVersion: shadowVersion, shadowModel: shadowModel);
    }

    /// <summary>The truth's purchase probability at list price plus a quarter of its rise at the row's discount.</summary>
    private static float[] QuarterTruth(float[] rows, int count)
    {
        var atList = (float[])rows.Clone();
        for (var r = 0; r < count; r++)
        {
            atList[(r * FeatureDefinition.Count) + FeatureDefinition.DiscountColumn] = 0;
        }

        var truth = Score(Truth, rows, count);
        var list = Score(Truth, atList, count);
        return [.. truth.Zip(list, (discounted, listed) => (discounted + (3 * listed)) / 4)];
    }

    [Fact]
    public void A_candidate_trained_on_shuffled_labels_is_never_promoted_over_the_true_model()
    {
        // The training part (the oldest 75%) has its outcomes shuffled, so the candidate learns noise; the held-out part
        // keeps the true outcomes it is judged on.
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 7);
        var random = new Random(11);
        var labels = log.Take(4500).Select(r => r.Purchased).ToArray();
        random.Shuffle(labels);
        var shuffled = log.Select((r, i) => i < 4500 ? r with { Purchased = labels[i] } : r).ToList();

        // Held to the confidence asked of candidates against a learned version, and to the lower one asked against the prior.
        foreach (var seed in Enumerable.Range(1, 5))
        {
            foreach (var confidence in new[] { Options.PromotionConfidence, Options.PriorPromotionConfidence!.Value })
            {
                var outcome = LearningRun.Execute(
                    shuffled, (rows, count) => Score(Truth, rows, count), Options, Pricing, _ => "all", seed, promotionConfidence: confidence);
                Assert.False(outcome.Promote, outcome.Reason);
            }
        }
    }

    /// <summary>A log of 6,000 decisions and the ensemble learned from its older 4,500 (seed 2), trained once for the tests that share them.</summary>
    private static readonly Lazy<(List<DecisionRecord> Log, ICandidateModel Older)> EnsembleOfTheOlderDecisions = new(() =>
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);
        return (log, LearningRun.Train([.. LearningRun.InTimeOrder(log).Take(4500)], Options, ModelKinds.Ensemble, seed: 2));
    });

    [Theory]
    [InlineData(ModelKinds.Ensemble, true, true)]
    [InlineData(ModelKinds.Ensemble, false, false)]
    [InlineData(null, true, false)]
    [InlineData(ModelKinds.LogisticInteractions, false, false)]
    public void An_active_version_the_cluster_learned_is_served_learned_again_from_every_decision_when_nothing_is_promoted(
        string? activeKind, bool refresh, bool refreshed)
    {
        // The active version is the ensemble learned from the same older decisions from another seed: its new candidate
        // is neither shown better nor shown worse than it.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;
        var options = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, RefreshActive = refresh };

        var outcome = LearningRun.Execute(log, older.Predict, options, Pricing, _ => "all", seed: 1, activeKind: activeKind);

        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate!.Kind);
        Assert.True(outcome.DifferenceLower <= 0 && outcome.DifferenceUpper > 0, outcome.Reason);
        // Either way what would be served is the ensemble learned from all 6,000 decisions; refreshed, it prices every
        // quote, otherwise it goes on trial (a candidate not promoted, no shadow chosen).
        Assert.Equal(6000, outcome.ServedDecisions);
        Assert.Null(outcome.ChosenShadow);
        Assert.Equal(refreshed, outcome.Promote);
        Assert.Equal(refreshed, outcome.RefreshedActive);
        if (refreshed)
        {
            Assert.Matches(
                @"^Refreshed the active model: its kind, ensemble, learned again from every decision\. The candidate of that kind, trained on the older ones, is [+-]?\d\.\d{3} a decision against it \(90 % interval -\d\.\d{3} to \+\d\.\d{3}\): not shown better, and not shown worse \(Learning:RefreshActive\)\.",
                outcome.Reason);
        }
        else
        {
            Assert.StartsWith("Kept the active model", outcome.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_active_version_of_another_kind_than_the_weighed_candidate_is_refreshed_and_the_candidate_goes_on_trial_against_it()
    {
        // As above, with the active version's card naming the interaction model: the run weighs its new ensemble, not
        // shown better, and the interaction model's own new candidate is not shown worse than the active version.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;

        var outcome = LearningRun.Execute(log, older.Predict, Options, Pricing, _ => "all", seed: 1, activeKind: ModelKinds.LogisticInteractions);

        Assert.True(outcome is { Promote: true, RefreshedActive: true }, outcome.Reason);
        // Served: the active kind learned from all 6,000 decisions; on trial against it: the weighed ensemble, learned
        // from all of them too.
        Assert.Equal(ModelKinds.LogisticInteractions, outcome.Candidate!.Kind);
        Assert.Equal(ModelKinds.Ensemble, outcome.NextTrial!.Kind);
        // One refit of the ensemble: the served interaction model is its part, not fitted a second time.
        Assert.Same(((EnsembleModel)outcome.NextTrial).Interactions, outcome.Candidate);
        Assert.Equal(6000, outcome.ServedDecisions);
        Assert.Null(outcome.ChosenShadow);
        Assert.True(outcome.DifferenceLower <= 0, outcome.Reason);
        Assert.True(
            Regex.IsMatch(outcome.Reason, @"^Refreshed the active model: its kind, logistic-interactions, learned again from every decision\. The candidate of that kind, trained on the older ones, is [+-]?\d\.\d{3} a decision against it \(90 % interval [+-]?\d\.\d{3} to \+\d\.\d{3}\): not shown worse \(Learning:RefreshActive\)\. The run's weighed candidate, ensemble, is [+-]?\d\.\d{3} a decision against the active version \([+-]?\d\.\d{3} to [+-]?\d\.\d{3}\), not shown better: it goes on trial against the refreshed version, learned from every decision too\."),
            outcome.Reason);
    }

    [Fact]
    public void A_refresh_of_the_active_version_ends_the_shadows_trial()
    {
        // As above, with a shadow on trial that expects a quarter of the truth's response to a discount.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;

        var outcome = LearningRun.Execute(
            log, older.Predict, Options, Pricing, _ => "all", seed: 1, shadowVersion: "quarter-1", shadowModel: QuarterTruth, activeKind: ModelKinds.Ensemble);

        Assert.True(outcome.RefreshedActive, outcome.Reason);
        Assert.True(outcome.Promote);
        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate!.Kind);
        // The refresh prices every quote: no shadow is chosen, and the grain clears the trial.
        Assert.Null(outcome.ChosenShadow);
        Assert.Null(outcome.NextTrial);
        Assert.Contains("(Learning:RefreshActive). The trial of quarter-1 ends.", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("takes over the trial", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_of_the_active_version_is_held_to_the_fairness_bounds()
    {
        // As above, refreshed but for a bound no candidate meets: its mean discount may not differ at all between the
        // customers with and without a purchase.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;
        var bounded = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxSegmentDiscountGap = 0 };

        var outcome = LearningRun.Execute(
            log, older.Predict, bounded, Pricing, customer => customer.LifetimePurchases > 0 ? "buyers" : "others", seed: 1, activeKind: ModelKinds.Ensemble);

        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate!.Kind);
        Assert.True(outcome.DifferenceLower <= 0 && outcome.DifferenceUpper > 0, outcome.Reason);
        Assert.False(outcome.Promote, outcome.Reason);
        Assert.False(outcome.RefreshedActive);
        Assert.Matches(@" Not refreshed \(Learning:RefreshActive\): the candidate's mean discount differs by \d+\.\d % between segments \(of at least 50 held-out decisions\), above Learning:MaxSegmentDiscountGap 0\.0 %\.", outcome.Reason);
    }

    [Fact]
    public void A_refresh_of_the_active_version_of_another_kind_than_the_weighed_candidate_is_held_to_the_fairness_bounds()
    {
        // As the refresh of another kind above, but for a bound no candidate meets: the interaction model's own candidate
        // exceeds it, so the version as it was stays active and the ensemble goes on trial against it.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;
        var bounded = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxSegmentDiscountGap = 0 };

        var outcome = LearningRun.Execute(
            log, older.Predict, bounded, Pricing, customer => customer.LifetimePurchases > 0 ? "buyers" : "others", seed: 1, activeKind: ModelKinds.LogisticInteractions);

        Assert.True(outcome is { Promote: false, RefreshedActive: false, NextTrial: null }, outcome.Reason);
        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate!.Kind);
        Assert.StartsWith("Kept the active model", outcome.Reason, StringComparison.Ordinal);
        Assert.Matches(@" Not refreshed \(Learning:RefreshActive\): the logistic-interactions candidate's mean discount differs by \d+\.\d % between segments \(of at least 50 held-out decisions\), above Learning:MaxSegmentDiscountGap 0\.0 %\.", outcome.Reason);
    }

    [Theory]
    [InlineData(ModelKinds.Ensemble)]
    [InlineData(ModelKinds.LogisticInteractions)]
    public void A_log_gone_bad_does_not_refresh_the_active_version(string activeKind)
    {
        // As above, but the training part's outcomes are shuffled: the candidate learned noise, the held-out part keeps
        // the true outcomes, and the active version (the ensemble, its card naming either kind) learned them before they went bad.
        var (log, older) = EnsembleOfTheOlderDecisions.Value;
        var labels = log.Take(4500).Select(r => r.Purchased).ToArray();
        new Random(11).Shuffle(labels);
        var shuffled = log.Select((r, i) => i < 4500 ? r with { Purchased = labels[i] } : r).ToList();

        var outcome = LearningRun.Execute(shuffled, older.Predict, Options, Pricing, _ => "all", seed: 1, activeKind: activeKind);

        Assert.Equal(ModelKinds.Ensemble, outcome.Candidate!.Kind);
        Assert.True(outcome.DifferenceUpper <= 0, outcome.Reason);
        Assert.False(outcome.Promote, outcome.Reason);
        Assert.False(outcome.RefreshedActive);
        Assert.Null(outcome.NextTrial);
    }

    [Fact]
    public void Too_few_labelled_decisions_train_nothing_and_say_so()
    {
        var log = SyntheticLog.Generate(Truth, 100, exploration: 0.3, seed: 9);

        var outcome = LearningRun.Execute(log, Flat, Options, Pricing, _ => "all", seed: 1);

        Assert.Null(outcome.Candidate);
        Assert.False(outcome.Promote);
        Assert.Contains("fewer than Learning:MinDecisions (500)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_protected_groups_are_reported_and_their_bound_blocks_promotion()
    {
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"protected-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["\uFEFFid,group", .. Enumerable.Range(0, 5800).Select(i => $"sim-customer-{i},{(i % 2 == 0 ? "even" : "odd")}")]);
        try
        {
            var attributes = ProtectedAttributes.Read(path, "id");
            var bounded = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxGroupDiscountGap = 0 };

            var outcome = LearningRun.Execute(log, Flat, bounded, Pricing, _ => "all", seed: 1, attributes);

            // The last 200 decisions' customers registered nothing: their own row, left out of the bound.
            Assert.Equal([("(not registered)", false), ("even", true), ("odd", true)], outcome.Fairness.Where(f => f.Dimension == "group").Select(f => (f.Group, f.Judged)));
            Assert.Equal(outcome.HeldOutDecisions, outcome.Fairness.Where(f => f.Dimension == "group").Sum(f => f.Decisions));
            Assert.False(outcome.Promote);
            Assert.Contains("between groups of 'group'", outcome.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_disparity_bound_judges_only_groups_with_enough_decisions()
    {
        // An attribute of 1,000 values: a few held-out decisions a group, whose mean discounts span the grid.
        var log = SyntheticLog.Generate(Truth, 6000, exploration: 0.3, seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"protected-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["id,postcode", .. Enumerable.Range(0, 6000).Select(i => $"sim-customer-{i},P{i % 1000:D4}")]);
        try
        {
            var attributes = ProtectedAttributes.Read(path, "id");
            var bounded = new LearningOptions { MinDecisions = 500, BootstrapResamples = 200, MaxGroupDiscountGap = 0.05 };

            var judgedBySize = LearningRun.Execute(log, Flat, bounded, Pricing, _ => "all", seed: 1, attributes);
            bounded.MinFairnessGroupDecisions = 1;
            var everyGroup = LearningRun.Execute(log, Flat, bounded, Pricing, _ => "all", seed: 1, attributes);

            Assert.True(judgedBySize.Promote, judgedBySize.Reason);
            Assert.False(everyGroup.Promote);
            Assert.Contains("between groups of 'postcode' (of at least 1 held-out decisions), above Learning:MaxGroupDiscountGap 5.0 %", everyGroup.Reason, StringComparison.Ordinal);
            // Reported all the same, its largest groups and the rest pooled; none judged (each has a few decisions, under
            // the 50 of the default), where every registered group is when one decision is enough.
            Assert.Equal(LearningRun.MaxFairnessGroups, judgedBySize.Fairness.Count(f => f.Dimension == "postcode"));
            Assert.Equal(judgedBySize.HeldOutDecisions, judgedBySize.Fairness.Where(f => f.Dimension == "postcode").Sum(f => f.Decisions));
            Assert.DoesNotContain(judgedBySize.Fairness, f => f.Dimension == "postcode" && f.Judged);
            Assert.All(everyGroup.Fairness.Where(f => f.Dimension == "postcode"), f => Assert.Equal(!f.Group.EndsWith(" other groups)", StringComparison.Ordinal), f.Judged));
            // The segment ("all") holds every held-out decision: judged either way.
            Assert.True(judgedBySize.Fairness.Single(f => f.Dimension == "segment").Judged);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_held_out_draws_valued_by_the_model_that_logged_them_cost_what_it_logged()
    {
        // The log's draws are flagged with what the logging model gave up; judged by that same model, the held-out check
        // must find the same sum on the same draws (the level replaced found on the grid, margins and levels aligned).
        var log = SyntheticLog.Generate(Truth, 2000, exploration: 0.3, seed: 12);
        var heldOut = HeldOutDecisions.Prepare(log.Skip(1500), Pricing.DiscountGrid, Pricing.MaxCustomerDiscount);
        var byLogger = OffPolicyEvaluation.Score(heldOut, (rows, count) => Score(Truth, rows, count));

        var summary = ExplorationSummary.Of(log).WithHeldOutCheck(heldOut, byLogger);

        var draws = heldOut.Records.Where(r => r.ExplorationCost is not null).ToList();
        Assert.InRange(draws.Count, 100, 200); // 30% of 500, seeded
        Assert.Equal(draws.Count, summary.HeldOutDraws);
        Assert.Equal(draws.Sum(r => r.ExplorationCost!.Value), summary.HeldOutServingCost, 9);
        Assert.Equal(summary.HeldOutServingCost, summary.HeldOutCandidateCost, tolerance: 1e-3 * summary.HeldOutServingCost);
        Assert.True(summary.HeldOutServingCost > 0);

        // A model that sees no response to discounts (5% at every level) values each draw at the margin it gave away alone.
        var flat = ExplorationSummary.Of(log).WithHeldOutCheck(heldOut, OffPolicyEvaluation.Score(heldOut, Flat));
        Assert.Equal(draws.Sum(r => (double)0.05f * (HeldOutDecisions.Margin(r, r.ExploredFrom!.Value) - HeldOutDecisions.Margin(r, r.Discount))), flat.HeldOutCandidateCost, 6);
    }

    [Fact]
    public void An_attribute_of_many_values_shows_its_largest_groups_and_pools_the_rest()
    {
        // Thirty groups of 1 to 30 decisions, each with its own rates.
        var rows = Enumerable.Range(1, 30).Select(n => new FairnessRow("age", $"age-{n:D2}", n, n / 100.0, n / 200.0, n / 300.0, n / 400.0, Judged: true)).ToList();

        var table = LearningRun.FairnessTable([new FairnessRow("segment", "loyal", 7, 0.1, 0.2, 0.3, 0.4, Judged: true), .. rows], maxGroups: 20);

        // The segment as it was; the nineteen largest ages as they were, in order; the eleven smallest pooled, each
        // rate weighted by its decisions (Σn² / Σn over n = 1 … 11 = 506 / 66).
        Assert.Equal(new FairnessRow("segment", "loyal", 7, 0.1, 0.2, 0.3, 0.4, Judged: true), table[0]);
        Assert.Equal(rows[11..], table.Skip(1).Take(19));
        var pooled = table[^1];
        Assert.Equal(("age", "(11 other groups)", 66, false), (pooled.Dimension, pooled.Group, pooled.Decisions, pooled.Judged));
        Assert.Equal(506.0 / 66 / 100, pooled.ConversionRate, 12);
        Assert.Equal(506.0 / 66 / 400, pooled.CandidateMeanDiscount, 12);
        Assert.Equal(21, table.Count);
        // Within the bound a dimension is left alone.
        Assert.Equal(rows[..20], LearningRun.FairnessTable(rows[..20], maxGroups: 20));
    }
}
