using OrleansPricing.Benchmarks.Shop;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class LogJudgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static LogJudge.TruthTable Read(string text) => LogJudge.TruthTable.Read(new StringReader(text), "truth.csv");

    private static DecisionRecord Record(string id, double discount) => new(
        id, Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "shoes", 100m, 40m, 0m, 0.2, 10, 0),
        CustomerFeatureSnapshot.ColdStart(Now), discount, 1, "m", false);

    [Fact]
    public void A_truth_file_gives_each_quoted_line_its_round_group_and_profit_at_each_level()
    {
        var truth = Read("round,quote_id,group,0,0.1,0.2\n1,q1,bargain-hunter,1.5,2.5,3\n4,q2,premium,2,1.25,0.5\n");

        Assert.Equal([0, 0.1, 0.2], truth.Levels);
        Assert.Equal(2, truth.Lines.Count);
        var line = truth.Lines["q2"];
        Assert.Equal((4, "premium"), (line.Round, line.Group));
        Assert.Equal(1.25, truth.ProfitAt(line, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => truth.ProfitAt(line, 0.15));
    }

    [Theory]
    [InlineData("round,quote,group,0,0.1\n", "truth.csv: the header must be round,quote_id,group and then a column a discount level; it is 'round,quote,group,0,0.1'.")]
    [InlineData("round,quote_id,group\n", "truth.csv: the header must be round,quote_id,group and then a column a discount level; it is 'round,quote_id,group'.")]
    [InlineData("round,quote_id,group,0.05,0.1\n", "truth.csv: header column '0.05' is not a discount level: the levels are fractions of list price, ascending from 0.")]
    [InlineData("round,quote_id,group,0,0.2,0.1\n", "truth.csv: header column '0.1' is not a discount level: the levels are fractions of list price, ascending from 0.")]
    [InlineData("round,quote_id,group,0,0.1\n1,q1,a,1,2\nfirst,q2,a,1,2\n", "truth.csv, line 3: column 'round': 'first' is not a round number (1 or more).")]
    [InlineData("round,quote_id,group,0,0.1\n1,q1,a,1,2\n2,q1,a,1,2\n", "truth.csv, line 3: column 'quote_id': 'q1' is given on an earlier line.")]
    [InlineData("round,quote_id,group,0,0.1\n1,,a,1,2\n", "truth.csv, line 2: column 'quote_id': '' is empty.")]
    [InlineData("round,quote_id,group,0,0.1\n1,q1,a,1,NaN\n", "truth.csv, line 2: column '0.1': 'NaN' is not a number.")]
    public void A_truth_file_it_cannot_read_is_refused_naming_the_line_and_column(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => Read(text)).Message);
    }

    [Fact]
    public void A_header_that_names_a_level_twice_is_refused_naming_the_file()
    {
        var message = Assert.Throws<FormatException>(() => Read("round,quote_id,group,0,0.1,0.1\n")).Message;

        Assert.StartsWith("truth.csv: ", message);
        Assert.Contains("'0.1'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_are_scored_by_the_share_of_the_oracle_s_lift_over_list_price_they_capture()
    {
        // Grid {0, 0.1, 0.2}; both lines may go to 20% off. Line a: profits 1, 3, 2 (the oracle 10% off, lift 2);
        // line b: 2, 1, 0 (the oracle list price, lift 0).
        var judged = HeldOutDecisions.Prepare([Record("a", 0), Record("b", 0)], [0, 0.1, 0.2], 0.3);
        double[][] profits = [[1, 3, 2], [2, 1, 0]];
        var score = new TruthScore(judged, (i, discount) => profits[i][(int)Math.Round(discount * 10)], i => i == 0 ? "moved" : "unmoved");

        // 20% off both: a gains 1, b loses 2 → (1 − 2) / 2.
        var deepest = new OffPolicyEvaluation.Scored([], [2, 2]);
        Assert.Equal(-0.5, score.Captured(deepest), 12);
        Assert.Equal(1, score.Captured(i => i == 0 ? 0.1 : 0), 12);
        Assert.Equal("moved 20.0 % (oracle 10.0 %), unmoved 20.0 % (oracle 0.0 %)", score.ByGroup(deepest));
    }

    [Fact]
    public void A_log_that_shares_no_decision_with_the_truth_is_refused_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var truthPath = Path.Combine(directory, "truth.csv");
        File.WriteAllText(truthPath, "round,quote_id,group,0,0.1\n1,q1,a,1,2\n2,q2,a,1,2\n");
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(2, LogJudge.Run(Path.Combine(directory, "no-log"), truthPath, null, TimeSpan.FromSeconds(30), output, error));

        Assert.Equal("0 labelled decisions in " + Path.Combine(directory, "no-log") + ", 0 of them in the truth's 2 lines: 0 before round 2, 0 judged in it." + Environment.NewLine, output.ToString());
        Assert.Equal("Nothing to judge: the log and truth.csv share no decisions before round 2 or none in it (are they of the same run?)." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void A_decision_log_it_cannot_read_is_refused_with_the_file_s_reason()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var (truthPath, logFolder) = (Path.Combine(directory, "truth.csv"), Path.Combine(directory, "log"));
        File.WriteAllText(truthPath, "round,quote_id,group,0,0.1\n1,q1,a,1,2\n");
        Directory.CreateDirectory(logFolder);
        File.WriteAllText(Path.Combine(logFolder, "decisions-Silo_1-2026120500.csv"), "decision_id,timestamp\nq1,2026-12-05T00:00:00Z\n");
        var error = new StringWriter();

        Assert.Equal(2, LogJudge.Run(logFolder, truthPath, null, TimeSpan.FromSeconds(30), TextWriter.Null, error));

        Assert.StartsWith(logFolder + ": decisions-Silo_1-2026120500.csv: missing column(s) customer_id, ", error.ToString());
    }
}
