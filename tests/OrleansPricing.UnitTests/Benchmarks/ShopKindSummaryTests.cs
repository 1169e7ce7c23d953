using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopKindSummaryTests
{
    private static ShopLine Line(string kind, double served, double oracle, double list, double spend, double oracleSpend, double discount, double oracleDiscount,
        bool explored = false, double history = 0, double historySpend = 0) =>
        new(1, kind, "c", served, oracle, list, list, spend, oracleSpend, discount, oracleDiscount, false, 0, 0, explored, served, history, false, "q-1", "SKU-1", 0, 0, 0, historySpend);

    private static ShopKindResult Result(string world, int seed, string kind, double liftShare, double points, double historyPoints, double spend, double oracleSpend,
        int round = 4, double againstList = 0, double discount = 0.1, double oracleDiscount = 0.1, double explored = 0) =>
        new(world, seed, round, kind, 100, liftShare, points, historyPoints, againstList, spend, oracleSpend, spend / 2, explored, discount, oracleDiscount);

    [Fact]
    public void A_kinds_spend_and_discount_are_the_models_own_against_the_oracles_on_the_same_lines()
    {
        // Hunters: a lift of 10 in all; the served levels gain 8 (a chosen line +8, an explored one 0), the histories'
        // policy 9. The explored line's spend (3) is the draws', and the oracle's spend on it (4) is left out with it.
        var round = new ShopRound(4, "m",
        [
            Line("hunter", 18, 20, 10, spend: 2, oracleSpend: 1, discount: 0.2, oracleDiscount: 0.1, history: 19, historySpend: 1.5),
            Line("hunter", 5, 5, 5, spend: 3, oracleSpend: 4, discount: 0.3, oracleDiscount: 0.4, explored: true, history: 5, historySpend: 4),
            Line("premium", 3, 5, 5, spend: 1, oracleSpend: 0, discount: 0.05, oracleDiscount: 0, history: 5),
        ], 3);

        var hunter = ShopKindResult.Of("kinds", 7, round, "hunter");
        var premium = ShopKindResult.Of("kinds", 7, round, "premium");

        Assert.Equal(("kinds", 7, 4, "hunter", 2), (hunter.World, hunter.Seed, hunter.Round, hunter.Kind, hunter.Lines));
        Assert.Equal((1.0, 0.8, 0.9, 8.0), (hunter.LiftShare, hunter.Points, hunter.HistoryPoints, hunter.AgainstList));
        Assert.Equal((2.0, 1.0, 1.5, 3.0), (hunter.Spend, hunter.OracleSpend, hunter.HistorySpend, hunter.ExploredSpend));
        Assert.Equal((0.2, 0.1), (hunter.Discount, hunter.OracleDiscount));
        Assert.Equal((0.0, -0.2, 0.0, -2.0), (premium.LiftShare, premium.Points, premium.HistoryPoints, premium.AgainstList));
        Assert.Equal((1.0, 0.0, 0.05), (premium.Spend, premium.OracleSpend, premium.Discount));
    }

    [Fact]
    public void Where_no_discount_pays_a_kind_has_no_points_only_its_profit_against_list_prices()
    {
        var round = new ShopRound(2, "m", [Line("regular", 4, 5, 5, spend: 1, oracleSpend: 0, discount: 0.1, oracleDiscount: 0)], 1);

        var regular = ShopKindResult.Of("unmoved", 7, round, "regular");

        Assert.Equal((0.0, 0.0, 0.0, -1.0), (regular.LiftShare, regular.Points, regular.HistoryPoints, regular.AgainstList));
    }

    [Fact]
    public void Each_worlds_kinds_are_read_at_its_last_round_over_the_seeds_a_seed_run_again_by_its_last_row()
    {
        IReadOnlyList<ShopKindResult> results =
        [
            Result("steep", 7, "hunter", 0.9, points: 0.70, historyPoints: 0.80, spend: 10, oracleSpend: 12),
            Result("steep", 7, "premium", 0.0, points: -0.04, historyPoints: -0.01, spend: 3, oracleSpend: 0),
            Result("steep", 11, "hunter", 0.9, points: 0.60, historyPoints: 0.80, spend: 14, oracleSpend: 12),
            Result("steep", 11, "premium", 0.0, points: -0.02, historyPoints: -0.01, spend: 1, oracleSpend: 0),
            Result("steep", 11, "hunter", 0.9, points: 0.50, historyPoints: 0.80, spend: 8, oracleSpend: 12),
            Result("steep", 11, "hunter", 0.9, points: 0.10, historyPoints: 0.20, spend: 1, oracleSpend: 1, round: 3),
        ];

        var summaries = ShopKindSummary.Of(results, round: null);

        Assert.Equal([("steep", 4, "hunter"), ("steep", 4, "premium")], summaries.Select(s => (s.World, s.Round, s.Kind)));
        var hunter = summaries[0];
        Assert.Equal([7, 11], hunter.Seeds.Select(r => r.Seed));
        Assert.Equal(0.60, hunter.Points, 12);
        Assert.Equal(0.80, hunter.HistoryPoints, 12);
        Assert.Equal((9.0, 12.0), (hunter.Spend, hunter.OracleSpend));
        Assert.True(hunter.HasLift);
        Assert.False(summaries[1].HasLift);
        Assert.Equal(0.10, ShopKindSummary.Of(results, round: 3).Single().Points, 12);
    }

    [Fact]
    public void The_command_prints_each_kind_the_kinds_with_no_lift_together_and_the_whole_round()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(directory, "kinds.csv");
        ShopKindResults.Write(path,
        [
            Result("steep", 7, "hunter", 1.0, points: 0.70, historyPoints: 0.80, spend: 1000, oracleSpend: 1200, discount: 0.2, oracleDiscount: 0.25, explored: 50),
            Result("steep", 7, "premium", 0.0, points: -0.04, historyPoints: -0.01, spend: 300, oracleSpend: 0, discount: 0.02, oracleDiscount: 0),
            Result("steep", 7, "loyal", 0.0, points: -0.02, historyPoints: -0.01, spend: 100, oracleSpend: 20, discount: 0.01, oracleDiscount: 0.001),
        ]);
        var output = new StringWriter();

        Assert.Equal(0, ShopKindSummary.Run(path, null, output, TextWriter.Null));

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.StartsWith("World 'steep', round 4, 1 seeds:", lines[0], StringComparison.Ordinal);
        Assert.Equal("| hunter | 100.0 % | +70.0 | +80.0 | -10.0 | 1,000 | 1,200 | -200 | 500 | 20.0 % | 25.0 % |", lines[3]);
        Assert.Equal("| premium (no lift) | 0.0 % | -4.0 | -1.0 | -3.0 | 300 | 0 | +300 | 150 | 2.0 % | 0.0 % |", lines[4]);
        Assert.Equal("| kinds with no lift | 0.0 % | -6.0 | -2.0 | -4.0 | 400 | 20 | +380 | 200 | | |", lines[6]);
        Assert.Equal("| all | 100.0 % | +64.0 | +78.0 | -14.0 | 1,400 | 1,220 | +180 | 700 | | |", lines[7]);
        Assert.Equal("Exploration draws spent 50 a seed besides.", lines[8]);
    }

    [Fact]
    public void A_file_it_cannot_read_or_without_rows_of_the_round_is_refused_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (kinds, bad, results) = (Path.Combine(directory, "kinds.csv"), Path.Combine(directory, "bad.csv"), Path.Combine(directory, "results.csv"));
        ShopKindResults.Write(kinds, [Result("steep", 7, "hunter", 1.0, points: 0.7, historyPoints: 0.8, spend: 1, oracleSpend: 1)]);
        File.WriteAllText(bad, File.ReadAllText(kinds).Replace(",0.7,", ",most,", StringComparison.Ordinal));
        File.WriteAllText(results, "world,seed,round,model,capture,against_list,spend,oracle_spend,has_lift\n");

        var error = new StringWriter();
        Assert.Equal(2, ShopKindSummary.Run(kinds, 3, TextWriter.Null, error));
        Assert.Equal("kinds.csv holds no rows of round 3: nothing to summarize.", error.ToString().Trim());

        error = new StringWriter();
        Assert.Equal(2, ShopKindSummary.Run(bad, null, TextWriter.Null, error));
        Assert.Equal("bad.csv, line 2: column 'points': 'most' is not a number.", error.ToString().Trim());

        error = new StringWriter();
        Assert.Equal(2, ShopKindSummary.Run(results, null, TextWriter.Null, error));
        Assert.StartsWith("results.csv: no column 'kind', 'lines', 'lift_share'", error.ToString().Trim(), StringComparison.Ordinal);
        Assert.EndsWith("is it a file that 'shop --kind-results' wrote?", error.ToString().Trim(), StringComparison.Ordinal);
    }
}
