using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopRoundTests
{
    private static ShopLine Line(string kind, double served, double oracle, double list, bool shadowArm = false, double realized = 0) =>
        new(1, kind, "c", served, oracle, list, list, 0, 0, 0, 0, realized > 0, realized, realized, false, served, served, shadowArm, "q-1", "SKU-1", 0, 0, 0, 0);

    [Fact]
    public void A_round_reports_its_profit_and_sales_against_list_price_and_the_blanket_coupon()
    {
        // Two lines: expected profit 6 + 4 served, 5 + 3 at list price, 8 + 4 under the coupon; sales 30 + 14 served,
        // 20 + 20 at list price, 33 + 22 under the coupon.
        ShopLine Priced(double served, double list, double blanket, double servedSales, double listSales, double blanketSales, double historySpend) =>
            new(1, "regular", "c", served, 9, list, blanket, 1, 1, 0.1, 0.1, false, 0, 0, false, served, served, false, "q-1", "SKU-1", servedSales, listSales, blanketSales, historySpend);
        var round = new ShopRound(1, "m", [Priced(6, 5, 8, 30, 20, 33, 0.5), Priced(4, 3, 4, 14, 20, 22, 2)], 1);

        Assert.Equal(0.25, round.AgainstList, 12);
        Assert.Equal(-1.0 / 6, round.AgainstBlanket, 12);
        Assert.Equal(0.1, round.SalesAgainstList, 12);
        Assert.Equal(-0.2, round.SalesAgainstBlanket, 12);
        // Spend: 1 a line served and at the oracle's level; the histories' policy 0.5 and 2.
        Assert.Equal((2.0, 2.0, 2.5), (round.Spend, round.OracleSpend, round.HistoryInformedSpend));
    }

    [Fact]
    public void Each_arm_of_a_trial_shows_its_true_expected_profit_beside_what_it_realized()
    {
        var round = new ShopRound(1, "m", [Line("hunter", 6, 9, 2, shadowArm: true, realized: 12), Line("hunter", 2, 9, 2), Line("premium", 4, 4, 4, shadowArm: true)], 3);

        Assert.Equal([(false, 1, 2.0, 0.0, 2.0), (true, 2, 5.0, 6.0, 3.0)], round.Arms());
    }

    [Fact]
    public void The_kinds_contributions_add_up_to_the_capture_and_an_unmoved_kinds_discounts_count_against_it()
    {
        // The lift there is: 10 with the hunters, none with the premium customers; the served levels gain 8 with the
        // hunters and lose 2 with the premium customers.
        var round = new ShopRound(1, "m", [Line("hunter", 18, 20, 10), Line("premium", 3, 5, 5), Line("hunter", 5, 5, 5)], 3);

        Assert.Equal(0.6, round.Capture, 12);
        Assert.Equal(0.8, round.ContributionOf("hunter"), 12);
        Assert.Equal(-0.2, round.ContributionOf("premium"), 12);
        Assert.Equal(round.Capture, round.ContributionOf("hunter") + round.ContributionOf("premium"), 12);
        Assert.Equal(0.0, round.LiftShareOf("premium"), 12);
        Assert.Equal(0.8, round.CaptureFor("hunter"), 12);
    }

    [Fact]
    public void Each_kinds_points_read_the_same_way_for_the_policy_that_reads_the_histories()
    {
        // Of a lift of 10 (the hunters'), the served levels gain 8 with the hunters and lose 2 with the premium customers;
        // the policy reading the histories gains 9 with the hunters and loses 0.5 with the premium customers.
        var round = new ShopRound(1, "m", [Line("hunter", 18, 20, 10) with { HistoryInformed = 19 }, Line("premium", 3, 5, 5) with { HistoryInformed = 4.5 }], 2);

        Assert.Equal((0.8, 0.9), (round.ContributionOf("hunter"), round.HistoryInformedContributionOf("hunter")));
        Assert.Equal((-0.2, -0.05), (round.ContributionOf("premium"), round.HistoryInformedContributionOf("premium")));
        Assert.Equal(round.HistoryInformedCapture, round.HistoryInformedContributionOf("hunter") + round.HistoryInformedContributionOf("premium"), 12);
    }
}
