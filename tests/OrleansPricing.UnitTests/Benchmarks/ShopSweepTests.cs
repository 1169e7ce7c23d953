using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopSweepTests
{
    /// <summary>A round of one line: the oracle's lift over list price is 10, the served level's <paramref name="served"/> − 5.</summary>
    private static ShopRound Round(int number, double served, double spend) =>
        new(number, "m", [new ShopLine(1, "hunter", "c", served, 15, 5, 5, spend, 4, 0.1, 0.2, false, 0, 0, false, served, served, false, "q-1", "SKU-1", 20, 20, 20, 4)], 1);

    [Fact]
    public void The_last_rounds_make_the_bar_and_the_spend_and_every_later_round_is_checked_against_list_price()
    {
        var sweep = new ShopSweep("kinds",
        [
            (7, [Round(1, 4, 1), Round(2, 10, 2), Round(3, 14, 5)]),
            (11, [Round(1, 5, 1), Round(2, 4.5, 2), Round(3, 13, 3)]),
        ]);

        Assert.Equal(0.8, sweep.MinCapture, 12);
        Assert.Equal(0.9, sweep.MaxCapture, 12);
        Assert.Equal(0.85, sweep.MeanCapture, 12);
        // 80% is at the bar: both seeds.
        Assert.Equal(2, sweep.SeedsAtBar);
        Assert.Equal(1, sweep.SeedsSpendingAboveOracle);
        // Seed 11's round 2 earns less than list price would; the first rounds are not counted (seed 7's is below too).
        Assert.Equal(1, sweep.LaterRoundsBelowList);
        Assert.Equal(4, sweep.LaterRounds);
    }

    [Theory]
    [InlineData(0.2, 0.5, "active", 0.3, true, true)] // the interval above 0 and the truth too
    [InlineData(0.2, 0.5, null, -0.1, false, null)] // above 0 on too few decisions for a verdict; the truth below
    [InlineData(-0.5, -0.2, "coupon", 0.1, false, false)] // the coupon shown better where the truth says otherwise
    [InlineData(-0.2, 0.5, null, 0.3, null, null)] // an interval holding 0 says nothing either way
    public void A_runs_coupon_comparison_is_right_when_it_is_on_the_truths_side(double lower, double upper, string? shownBetter, double trueDifference, bool? intervalRight, bool? verdictRight)
    {
        var check = new ShopCouponCheck(5, 5.5, 4, 4.2, 60, (lower + upper) / 2, lower, upper, shownBetter, trueDifference);

        Assert.Equal((intervalRight, verdictRight), (check.IntervalRight, check.VerdictRight));
    }

    [Fact]
    public void A_world_where_no_discount_pays_is_read_against_list_price_kind_by_kind()
    {
        // The oracle quotes list price (its profit is list price's, 10): the served levels cost 1.5 and 0.5.
        ShopLine Line(string kind, double served) => new(1, kind, "c", served, 10, 10, 8, 1, 0, 0.1, 0, false, 0, 0, false, 10, 10, false, "q-1", "SKU-1", 20, 20, 20, 0);
        var round = new ShopRound(1, "m", [Line("regular", 8.5), Line("premium", 9.5), Line("regular", 10)], 1);

        Assert.False(round.HasLift);
        Assert.Equal(-1.5, round.AgainstListOf("regular"), 12);
        Assert.Equal(-0.5, round.AgainstListOf("premium"), 12);
        Assert.Equal(0, round.Capture);
        Assert.Equal(-2.0 / 30, round.AgainstList, 12);
        Assert.True(Round(1, 10, 1).HasLift);

        // Judged against the first round: a later round that loses more counts, one that loses less does not.
        var worse = new ShopRound(2, "m", [Line("regular", 7), Line("premium", 10), Line("regular", 10)], 1);
        var better = new ShopRound(3, "m", [Line("regular", 9.5), Line("premium", 10), Line("regular", 10)], 1);
        var sweep = new ShopSweep("unmoved", [(7, [round, worse, better])]);
        Assert.Equal(1, sweep.LaterRoundsBelowFirst);
        Assert.Equal(2, sweep.LaterRoundsBelowList);
    }
}
