using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class OffPolicyEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // List 100, cost 40: margin 60 at list, 50 at 10% off.
    private static DecisionRecord Record(string id, double discount, double propensity, bool bought, double maxDiscount = 0.1) => new(
        id, Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "shoes", 100m, 40m, 0m, maxDiscount, 10, 0),
        CustomerFeatureSnapshot.ColdStart(Now), discount, propensity, "m", bought);

    [Fact]
    public void Hand_worked_estimates()
    {
        // Three decisions on grid {0, 0.1}: logged list (p 0.8, bought), 10% off (p 0.2, bought), list (p 0.8, not bought).
        var decisions = HeldOutDecisions.Prepare(
            [Record("a", 0, 0.8, true), Record("b", 0.1, 0.2, true), Record("c", 0, 0.8, false)], [0, 0.1], 0.3);
        // A model scoring 0.5 at list and 0.75 at 10% off everywhere: values 30 vs 37.5, so its policy picks 10% off always.
        var scored = OffPolicyEvaluation.Score(decisions, (rows, count) => Enumerable.Range(0, count).Select(r => r % 2 == 0 ? 0.5f : 0.75f).ToArray());

        var estimate = OffPolicyEvaluation.Estimate(decisions, scored, OffPolicyEvaluation.DoublyRobustTerms(decisions, scored, 50), maxWeight: 50);

        // Only b agrees (weight 1/0.2 = 5, reward 50): SNIPS = 5·50 / 5 = 50.
        Assert.Equal(50, estimate.SelfNormalizedIps, 9);
        // DR: a: 37.5 + 0; b: 37.5 + 5·(50 − 37.5) = 100; c: 37.5 + 0 → mean 175/3.
        Assert.Equal(175.0 / 3, estimate.DoublyRobust, 9);
        Assert.Equal(1, estimate.EffectiveSampleSize, 9);
        Assert.Equal(1, estimate.Agreeing);
        Assert.Equal(0.1, estimate.MeanDiscount, 12);
    }

    [Fact]
    public void A_blanket_coupon_is_judged_at_the_deepest_allowed_level_up_to_it_with_the_given_response_as_its_direct_part()
    {
        // Grid {0, 0.1, 0.2}; a and c may go to 20% off, b only to 10% (its maximum discount). Logged: a list (p 0.5,
        // bought), b 10% off (p 0.25, bought), c 20% off (p 0.25, not bought). Margins 60, 50, 40 at 0, 10, 20% off.
        var decisions = HeldOutDecisions.Prepare(
            [Record("a", 0, 0.5, true, maxDiscount: 0.2), Record("b", 0.1, 0.25, true), Record("c", 0.2, 0.25, false, maxDiscount: 0.2)], [0, 0.1, 0.2], 0.3);
        // The response: 0.5, 0.6, 0.7 at 0, 10, 20% off everywhere, so q = 30, 30, 28.
        float[] response = [0.5f, 0.6f, 0.7f, 0.5f, 0.6f, 0.7f, 0.5f, 0.6f, 0.7f];
        double[] active = [40, 40, 40];

        var coupons = LearningRun.BlanketCoupons(decisions, response, active, new LearningOptions { BootstrapResamples = 100 }, 0.9, seed: 1);

        Assert.Equal([0.1, 0.2], coupons.Select(c => c.Discount));
        // 10% off: every decision at 10%; b agrees (weight 4, reward 50). DR: a 30, b 30 + 4·(50 − 30) = 110, c 30.
        var ten = coupons[0];
        Assert.Equal((50, 1, 1), (ten.SelfNormalizedIps, ten.EffectiveSampleSize, ten.Agreeing));
        Assert.Equal(170.0 / 3, ten.DoublyRobust, 5); // the response is single precision
        Assert.Equal(0.1, ten.MeanDiscount, 12);
        // 20% off: a and c at 20%, b capped at 10%; b and c agree (weights 4 and 4, rewards 50 and 0). SNIPS (200 + 0) / 8 = 25.
        // DR: a 28; b 30 + 4·(50 − 30) = 110; c 28 + 4·(0 − 28) = −84.
        var twenty = coupons[1];
        Assert.Equal((25, 2, 2), (twenty.SelfNormalizedIps, twenty.EffectiveSampleSize, twenty.Agreeing));
        Assert.Equal(54.0 / 3, twenty.DoublyRobust, 5);
        Assert.Equal(0.5 / 3, twenty.MeanDiscount, 12);
        // The active policy's paired difference from each: 40 less the coupon's terms, on average.
        Assert.Equal(40 - 170.0 / 3, ten.ActiveDifference, 5);
        Assert.Equal(40 - 54.0 / 3, twenty.ActiveDifference, 5);
        Assert.True(twenty.ActiveDifferenceLower <= twenty.ActiveDifference && twenty.ActiveDifference <= twenty.ActiveDifferenceUpper);
        Assert.All(coupons, c => Assert.Null(c.ShownBetter)); // one or two agreeing decisions, under Learning:MinEffectiveSampleSize
    }

    [Fact]
    public void A_line_is_judged_on_the_levels_its_logged_policy_held_and_on_the_rules_without_one()
    {
        // Grid {0, 0.1, 0.2}, every level within the product's maximum (0.2). a's policy held list price and 10% off; b's
        // held list price alone (the daily cap had sent it there); c logged none, so the rules decide.
        var decisions = HeldOutDecisions.Prepare(
            [
                Record("a", 0, 0.9, true, maxDiscount: 0.2) with { Policy = [(0, 0.9), (0.1, 0.1)] },
                Record("b", 0, 1, false, maxDiscount: 0.2) with { Policy = [(0, 1)] },
                Record("c", 0, 1, true, maxDiscount: 0.2),
            ], [0, 0.1, 0.2], 0.3);

        Assert.Equal([[0, 1], [0], [0, 1, 2]], decisions.Allowed);
        // A model that rises with the discount picks the deepest level each line could have had: 10%, list price, 20%.
        var scored = OffPolicyEvaluation.Score(decisions, (rows, count) => Enumerable.Range(0, count).Select(r => 0.5f + (0.2f * (r % 3))).ToArray());
        Assert.Equal([1, 0, 2], scored.Choices);
    }

    [Fact]
    public void Weights_are_clipped()
    {
        var decisions = HeldOutDecisions.Prepare([Record("b", 0.1, 0.01, true)], [0, 0.1], 0.3);
        var scored = OffPolicyEvaluation.Score(decisions, (rows, count) => [0.5f, 0.75f]);

        // Weight 1/0.01 = 100 clipped to 10: DR = 37.5 + 10·(50 − 37.5) = 162.5.
        Assert.Equal(162.5, OffPolicyEvaluation.DoublyRobustTerms(decisions, scored, maxWeight: 10).Single(), 9);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.25, 1)] // 37.5 beats 30 by exactly a quarter
    [InlineData(0.3, 0)]
    public void A_judged_policy_asks_of_a_discount_what_the_served_one_asks(double minDiscountGain, int expectedLevel)
    {
        var decisions = HeldOutDecisions.Prepare([Record("a", 0, 0.8, true)], [0, 0.1], 0.3, minDiscountGain);
        // 0.5 at list (value 30) and 0.75 at 10% off (37.5): the discount gains a quarter over list price.
        var scored = OffPolicyEvaluation.Score(decisions, (rows, count) => [0.5f, 0.75f]);

        Assert.Equal(expectedLevel, scored.Choices.Single());
    }

    [Theory]
    [InlineData(0.0, 2)]
    [InlineData(0.1, 2)] // 10% off (35) gives up a sixth of the best's gain of 6 over list (30): more than a tenth
    [InlineData(0.2, 1)]
    public void A_judged_policy_takes_the_shallower_discount_the_served_one_takes(double depthTolerance, int expectedLevel)
    {
        var decisions = HeldOutDecisions.Prepare([Record("a", 0, 0.8, true, maxDiscount: 0.2)], [0, 0.1, 0.2], 0.3, depthTolerance: depthTolerance);
        // Values 0.5·60 = 30 at list, 0.7·50 = 35 at 10% off, 0.9·40 = 36 at 20% off.
        var scored = OffPolicyEvaluation.Score(decisions, (rows, count) => [0.5f, 0.7f, 0.9f]);

        Assert.Equal(expectedLevel, scored.Choices.Single());
    }

    [Fact]
    public void Two_arms_of_a_trial_are_compared_by_what_each_earned_with_a_bootstrap_interval()
    {
        // Arms that always earn the same: the interval is the difference itself (per line: 6/3 and 3/3).
        Assert.Equal((1.0, 1.0, 1.0), OffPolicyEvaluation.ArmsDifferenceInterval([(4.0, 2), (2.0, 1)], [(2.0, 2), (1.0, 1)], 0.9, 200, seed: 1));

        // 4,000 one-line quotes an arm, profit 10 at purchase rates 0.15 and 0.10: a true difference of 0.5 a decision.
        var random = new Random(4);
        var treated = Enumerable.Range(0, 4000).Select(_ => (random.NextDouble() < 0.15 ? 10.0 : 0, 1)).ToList();
        var control = Enumerable.Range(0, 4000).Select(_ => (random.NextDouble() < 0.10 ? 10.0 : 0, 1)).ToList();
        var (mean, lower, upper) = OffPolicyEvaluation.ArmsDifferenceInterval(treated, control, 0.9, 400, seed: 1);

        Assert.Equal(treated.Average(q => q.Item1) - control.Average(q => q.Item1), mean, 12);
        Assert.InRange(0.5, lower, upper);
        Assert.True(lower > 0, $"lower bound {lower}");
        // About 1.28 standard errors below the mean: sqrt(0.15·0.85/4000 + 0.1·0.9/4000)·10 = 0.074.
        Assert.InRange(mean - lower, 0.06, 0.13);
        Assert.Equal((0.0, 0.0, 0.0), OffPolicyEvaluation.ArmsDifferenceInterval([], control, 0.9, 400, seed: 1));

        // The same 4,000 answers an arm as 1,000 quotes of four lines that all answer alike: the evidence of 1,000
        // draws, not 4,000, so the interval is about twice as wide.
        static List<(double, int)> Quotes(List<(double Profit, int Lines)> lines) =>
            [.. lines.Take(1000).Select(line => (line.Profit * 4, 4))];
        var (clusteredMean, clusteredLower, _) = OffPolicyEvaluation.ArmsDifferenceInterval(Quotes(treated), Quotes(control), 0.9, 400, seed: 1);
        Assert.InRange((clusteredMean - clusteredLower) / 0.074, 1.6, 2.6);
    }
}
