using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopComparisonTests
{
    private static ShopResult Result(string world, int seed, int round, double capture, double spend = 1) =>
        new(world, seed, round, "learned-0001", capture, 0.1, spend, 2, HasLift: true);

    [Fact]
    public void Two_runs_are_paired_seed_by_seed_on_their_last_round_with_a_t_interval()
    {
        IReadOnlyList<ShopResult> before = [Result("kinds", 7, 1, 0.1), Result("kinds", 7, 2, 0.80), Result("kinds", 11, 1, 0.2), Result("kinds", 11, 2, 0.70, spend: 3), Result("kinds", 13, 2, 0.9)];
        IReadOnlyList<ShopResult> after = [Result("kinds", 7, 1, 0.3), Result("kinds", 7, 2, 0.85), Result("kinds", 11, 1, 0.1), Result("kinds", 11, 2, 0.68), Result("kinds", 17, 2, 0.5)];

        var comparison = Assert.Single(ShopComparison.Of(before, after));

        Assert.Equal(2, comparison.Round);
        Assert.Equal([(7, 0.80, 0.85), (11, 0.70, 0.68)], comparison.Pairs);
        Assert.Equal([13], comparison.OnlyBefore);
        Assert.Equal([17], comparison.OnlyAfter);
        Assert.Equal(0.015, comparison.MeanDifference, 12);
        // Differences +0.05 and −0.02: standard deviation 0.035·√2, and t(0.975, 1 degree of freedom) = 12.7062.
        Assert.Equal(0.035 * Math.Sqrt(2), comparison.DifferenceDeviation, 12);
        var (lower, upper) = comparison.Interval!.Value;
        Assert.Equal(0.015 - (12.7062 * 0.035), lower, 4);
        Assert.Equal(0.015 + (12.7062 * 0.035), upper, 4);
        Assert.Equal((1, 1), (comparison.Up, comparison.Down));
        Assert.Equal((1, 1), comparison.AtBar);
        Assert.Equal((1, 0), comparison.SpendingAboveOracle);
    }

    [Fact]
    public void The_results_file_round_trips_and_the_comparison_prints_the_difference_in_points()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (beforePath, afterPath) = (Path.Combine(directory, "before.csv"), Path.Combine(directory, "after.csv"));
        IReadOnlyList<ShopResult> before = [Result("steep", 41, 4, 0.801), Result("steep", 43, 4, 0.732)];
        ShopResults.Write(beforePath, before);
        ShopResults.Write(afterPath, [Result("steep", 41, 4, 0.767), Result("steep", 43, 4, 0.703)]);

        Assert.Equal(before, ShopResults.Read(beforePath));
        var output = new StringWriter();
        Assert.Equal(0, ShopComparison.Run(beforePath, afterPath, output, TextWriter.Null));

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("World 'steep', round 4, 2 seeds in both: share of the oracle's profit lift", lines[0]);
        Assert.StartsWith("  after − before: -3.2 points, 95 % interval ", lines[2]);
        Assert.EndsWith("; up on 0, down on 2", lines[2]);
        Assert.Equal("  41:-3.4 43:-2.9", lines[3]);
    }

    [Fact]
    public void A_value_it_cannot_read_is_named_by_file_line_and_column_and_files_with_nothing_in_common_are_refused()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (good, bad, other) = (Path.Combine(directory, "good.csv"), Path.Combine(directory, "bad.csv"), Path.Combine(directory, "other.csv"));
        ShopResults.Write(good, [Result("kinds", 7, 4, 0.8), Result("kinds", 11, 4, 0.7)]);
        ShopResults.Write(other, [Result("spread", 7, 4, 0.8)]);
        File.WriteAllLines(bad, File.ReadAllLines(good).Select((line, i) => i == 2 ? line.Replace("0.7,", "high,", StringComparison.Ordinal) : line));

        var error = new StringWriter();
        Assert.Equal(2, ShopComparison.Run(good, bad, TextWriter.Null, error));
        Assert.Equal("bad.csv, line 3: column 'capture': 'high' is not a number.", error.ToString().Trim());

        error = new StringWriter();
        Assert.Equal(2, ShopComparison.Run(good, other, TextWriter.Null, error));
        Assert.Equal("good.csv and other.csv share no world and seed: nothing to compare.", error.ToString().Trim());
    }

    [Fact]
    public async Task The_shop_command_takes_a_results_file_and_refuses_one_in_a_folder_that_does_not_exist()
    {
        var commandLine = new RecordedCommandLine();
        var directory = Directory.CreateTempSubdirectory().FullName;
        var missing = Path.Combine(directory, "no-such-folder");

        Assert.Equal(0, await commandLine.Command.Parse(["shop", "--results", Path.Combine(directory, "mine.csv")]).InvokeAsync());

        Assert.Equal(Path.Combine(directory, "mine.csv"), commandLine.Given?.Results);
        Assert.Contains(commandLine.Command.Parse(["shop", "--results", Path.Combine(missing, "mine.csv")]).Errors,
            error => error.Message == $"--results: the folder {missing} does not exist.");
    }

    [Fact]
    public async Task The_shop_command_takes_what_the_storefront_reports_who_asks_and_how_often_and_refuses_anything_else()
    {
        var commandLine = new RecordedCommandLine();

        Assert.Equal(0, await commandLine.Command.Parse(["shop"]).InvokeAsync());
        Assert.Equal((0, false, false), (commandLine.Given!.StorefrontEvents!.Count, commandLine.Given.ArrivalsByBrowsing, commandLine.Given.PacedByBrowsing));

        Assert.Equal(0, await commandLine.Command.Parse(["shop", "--storefront-events", "view", "cart", "--arrivals", "browsing", "--pace", "browsing"]).InvokeAsync());
        Assert.Equal(["view", "cart"], commandLine.Given!.StorefrontEvents);
        Assert.True(commandLine.Given.ArrivalsByBrowsing);
        Assert.True(commandLine.Given.PacedByBrowsing);

        Assert.NotEmpty(commandLine.Command.Parse(["shop", "--storefront-events", "purchase"]).Errors);
        Assert.NotEmpty(commandLine.Command.Parse(["shop", "--arrivals", "hourly"]).Errors);
        Assert.NotEmpty(commandLine.Command.Parse(["shop", "--pace", "daily"]).Errors);
    }
}
