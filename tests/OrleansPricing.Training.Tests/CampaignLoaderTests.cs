using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Tests;

public sealed class CampaignLoaderTests
{
    private static readonly CampaignSpec Spec = new("arm", "control", "bought", TreatedValues: ["coupon"], RevenueColumn: "revenue", IdColumn: "id");

    private static CampaignData Load(string text) => CampaignLoader.Load(CsvTable.Parse(new StringReader(text), "c.csv"), Spec, "hash");

    [Fact]
    public void Applies_each_cleaning_rule_and_counts_it()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 200).Select(i =>
            $"{i},{(i % 2 == 0 ? "coupon" : "control")},{i % 5},{i % 5 * 10},{(i == 7 ? "" : (i == 200 ? "9999" : (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)))},{(i % 3 == 0 ? "web" : (i == 8 ? "" : "app"))}"));
        var data = Load($"id,arm,bought,revenue,visits,channel\n{rows}\n1,coupon,1,10,1,web\n201,other,1,5,1,web\n202,control,,5,1,web\n");

        Assert.Equal(203, data.Report.RowsRead);
        Assert.Equal(1, data.Report.DuplicatesRemoved);
        Assert.Equal(2, data.Report.RowsWithoutTreatmentOrOutcome);
        Assert.Equal(200, data.Report.RowsKept);
        Assert.Equal(1, data.Report.MissingImputed["visits"]);
        Assert.Equal(1, data.Report.MissingCategory["channel"]);
        Assert.Equal(1, data.Report.OutliersClipped["visits"]);
        Assert.Equal(["visits", "channel=(missing)", "channel=app", "channel=web"], data.Columns.Select(c => c.Name));
        Assert.Equal(100, data.Treated.Count(t => t));
        Assert.Equal(160, data.Outcome.Count(o => o));
        var visits = data.Features.Select(f => (double)f[0]).ToArray();
        Assert.Equal(0, visits.Average(), 5);
        Assert.Equal(1, Math.Sqrt(visits.Average(v => v * v)), 5);
    }

    [Fact]
    public void Bad_outcome_value_names_line_and_column()
    {
        var error = Assert.Throws<CsvFormatException>(() => Load("id,arm,bought,revenue\n1,control,0,0\n2,coupon,maybe,0\n"));

        Assert.Equal("c.csv, line 3, column 'bought': 'maybe' is not an outcome: use a number (> 0 = success) or true/false.", error.Message);
    }

    [Fact]
    public void A_file_without_both_arms_is_refused()
    {
        Assert.Throws<CsvFormatException>(() => Load("id,arm,bought,revenue\n1,control,0,0\n2,control,1,3\n"));
    }

    [Fact]
    public void Loads_the_artea_experiment_unchanged()
    {
        var data = CampaignLoader.Load(SharedData.Path("artea-a_b-experiment-recoded.csv"),
            new CampaignSpec("test_coupon", "control", "trans_after", RevenueColumn: "revenue_after", IdColumn: "id"));

        Assert.Equal(5000, data.Count);
        Assert.Equal(2502, data.Treated.Count(t => t));
        Assert.Equal(267, data.Outcome.Where((_, i) => !data.Treated[i]).Count(o => o));
        Assert.Equal(310, data.Outcome.Where((_, i) => data.Treated[i]).Count(o => o));
        Assert.Contains(data.Columns, c => c.Name == "channel_acq=facebook");
        Assert.Contains(data.Columns, c => c.Name == "num_past_purch" && c.Kind == FeatureColumn.Numeric);
        Assert.Equal(64, data.Sha256.Length);
    }

    [Fact]
    public void Without_an_id_equal_rows_are_kept_and_counted()
    {
        // Different customers can share every attribute: whole-row de-duplication would drop real customers.
        const string Text = "arm,bought,visits\ncontrol,0,1\ncoupon,1,2\ncontrol,0,1\ncontrol,0,1\ncoupon,0,3\n";
        var spec = new CampaignSpec("arm", "control", "bought");

        var kept = CampaignLoader.Load(CsvTable.Parse(new StringReader(Text), "c.csv"), spec, "hash");
        var deduplicated = CampaignLoader.Load(CsvTable.Parse(new StringReader(Text), "c.csv"), spec with { DedupeRows = true }, "hash");

        Assert.Equal((5, 2, 0), (kept.Count, kept.Report.ExactDuplicateRows, kept.Report.DuplicatesRemoved));
        Assert.Equal(["2", "3", "4", "5", "6"], kept.Ids);
        Assert.Equal((3, 2, 2), (deduplicated.Count, deduplicated.Report.ExactDuplicateRows, deduplicated.Report.DuplicatesRemoved));
    }
}
