using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopSummaryTests
{
    private static ShopResult Result(string world, int seed, int round, double capture, double spend, double oracleSpend, double againstList = 0.1, bool hasLift = true) =>
        new(world, seed, round, "learned-0001", capture, againstList, spend, oracleSpend, hasLift);

    [Fact]
    public void Each_world_and_round_is_read_over_its_seeds_a_seed_run_again_by_its_last_row()
    {
        IReadOnlyList<ShopResult> results =
        [
            Result("steep", 7, 1, 0.10, spend: 1, oracleSpend: 4), Result("steep", 7, 2, 0.85, spend: 5, oracleSpend: 4),
            Result("steep", 11, 1, 0.30, spend: 2, oracleSpend: 4), Result("steep", 11, 2, 0.60, spend: 2, oracleSpend: 4),
            Result("steep", 7, 2, 0.75, spend: 3, oracleSpend: 4),
            Result("unmoved", 7, 1, 0, spend: 3, oracleSpend: 0, againstList: -0.02, hasLift: false),
            Result("unmoved", 11, 1, 0, spend: 5, oracleSpend: 0, againstList: -0.01, hasLift: false),
        ];

        var summaries = ShopSummary.Of(results);

        Assert.Equal([("steep", 1), ("steep", 2), ("unmoved", 1)], summaries.Select(s => (s.World, s.Round)));
        var last = summaries[1];
        Assert.Equal([7, 11], last.Seeds.Select(r => r.Seed));
        Assert.Equal(0.675, last.Mean, 12);
        Assert.Equal((0.60, 0.75), (last.Min, last.Max));
        Assert.Equal(0, last.AtBar);
        Assert.Equal(0, last.SpendingAboveOracle);
        Assert.Equal(0.625, last.SpendAgainstOracle!.Value, 12);
        var unmoved = summaries[2];
        Assert.False(unmoved.HasLift);
        Assert.Equal(-0.015, unmoved.Mean, 12);
        Assert.Equal(2, unmoved.SpendingAboveOracle);
        Assert.Null(unmoved.SpendAgainstOracle);
    }

    [Fact]
    public void The_command_prints_a_row_a_world_and_round_and_writes_the_plot()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (resultsPath, plotPath) = (Path.Combine(directory, "results.csv"), Path.Combine(directory, "by-round.png"));
        ShopResults.Write(resultsPath, [Result("kinds", 7, 1, 0.2, spend: 1, oracleSpend: 2), Result("kinds", 7, 2, 0.9, spend: 3, oracleSpend: 2)]);
        var output = new StringWriter();

        Assert.Equal(0, ShopSummary.Run(resultsPath, plotPath, output, TextWriter.Null));

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("| kinds | 1 | 1 | 20.0 % | 20.0 %–20.0 % | 0 | 0 | 0.50 |", lines[2]);
        Assert.Equal("| kinds | 2 | 1 | 90.0 % | 90.0 %–90.0 % | 1 | 1 | 1.50 |", lines[3]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plotPath)[..4]);
    }

    [Fact]
    public void A_file_it_cannot_read_or_without_rows_is_refused_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (empty, bad) = (Path.Combine(directory, "empty.csv"), Path.Combine(directory, "bad.csv"));
        File.WriteAllText(empty, "world,seed,round,model,capture,against_list,spend,oracle_spend,has_lift\n");
        File.WriteAllText(bad, "world,seed\nkinds,7\n");

        var error = new StringWriter();
        Assert.Equal(2, ShopSummary.Run(empty, null, TextWriter.Null, error));
        Assert.Equal("empty.csv holds no rows: nothing to summarize.", error.ToString().Trim());

        error = new StringWriter();
        Assert.Equal(2, ShopSummary.Run(bad, null, TextWriter.Null, error));
        Assert.StartsWith("bad.csv: no column 'round'", error.ToString().Trim(), StringComparison.Ordinal);
    }
}
