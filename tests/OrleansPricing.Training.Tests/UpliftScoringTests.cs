using System.Globalization;
using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Tests;

/// <summary>
/// `uplift` saves what it refit; `score` applies it to new customers. Trained once on Artea's coded file (trimmed: three
/// learner families, three folds), then applied to Artea's next campaign.
/// </summary>
public sealed class UpliftScoringTests(UpliftScoringTests.TrainedArtea artea) : IClassFixture<UpliftScoringTests.TrainedArtea>
{
    [Fact]
    public void Scores_every_row_of_the_next_campaign_in_input_order()
    {
        var output = Path.Combine(SharedData.TempDirectory(), "scores.csv");

        var summary = UpliftScoring.Score(artea.ModelDirectory, SharedData.Path("artea-next-campaign.csv"), output, null, "id");

        var scored = CsvTable.Read(output);
        var input = CsvTable.Read(SharedData.Path("artea-next-campaign.csv"));
        Assert.Equal(["id", "p_control", "p_treated", "uplift", "recommended", "expected_value"], scored.Header);
        Assert.Equal(6000, summary.Rows);
        Assert.Equal(input.Rows.Select(r => r[0]), scored.Rows.Select(r => r[0]));
        Assert.Equal(artea.Summary.PolicyModel, summary.Learner);
        Assert.Equal(summary.Recommended, scored.Rows.Count(r => r[4] == "treat"));
        foreach (var row in scored.Rows)
        {
            var (control, treated, uplift) = (Number(row[1]), Number(row[2]), Number(row[3]));
            Assert.InRange(control, 0, 1);
            Assert.InRange(treated, 0, 1);
            Assert.True(Math.Abs(treated - control - uplift) < 1e-8, $"{treated} - {control} != {uplift}");
        }
    }

    [Fact]
    public void A_saved_learner_predicts_what_the_run_judged()
    {
        var package = UpliftModelPackage.Read(artea.ModelDirectory);

        foreach (var finalist in artea.Summary.Finalists)
        {
            var (name, model) = package.Load(new MLContext(seed: 0), artea.ModelDirectory, finalist.Name);
            var (treated, control) = model.Predict(artea.Summary.Test.Features);

            Assert.Equal(finalist.Name, name);
            Assert.Equal(finalist.TestPredictions!.Value.Treated, treated, (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal(finalist.TestPredictions!.Value.Control, control, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public void A_file_without_a_model_column_is_refused_naming_it()
    {
        var input = Path.Combine(SharedData.TempDirectory(), "customers.csv");
        File.WriteAllText(input, "id,channel_acq,num_past_purch,spent_last_purchase,weeks_since_visit,shopping_cart\n1,1,0,0,0,1\n");

        var error = Assert.Throws<CsvFormatException>(() => UpliftScoring.Score(artea.ModelDirectory, input, input + ".out", null, "id"));

        Assert.StartsWith("customers.csv: the model needs column 'browsing_minutes', which the header lacks", error.Message);
    }

    [Fact]
    public void A_categorical_column_coded_otherwise_is_refused()
    {
        var error = Assert.Throws<CsvFormatException>(() => UpliftScoring.Score(
            artea.ModelDirectory, SharedData.Path("artea-a_b-experiment-recoded.csv"), Path.Combine(SharedData.TempDirectory(), "x.csv"), null, null));

        Assert.Equal(
            "artea-a_b-experiment-recoded.csv, column 'channel_acq': no value was seen when the model was fitted (e.g. 'facebook'; fitted: 1, 2, 3, 4, 5) — is it coded differently?",
            error.Message);
    }

    [Fact]
    public void Unknown_learner_names_the_saved_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => UpliftModelPackage.Read(artea.ModelDirectory).Load(new MLContext(), artea.ModelDirectory, "deep"));

        Assert.Contains("No learner named 'deep'", error.Message);
        Assert.Contains(artea.Summary.PolicyModel, error.Message);
    }

    [Fact]
    public void New_rows_are_cleaned_with_the_fitted_columns()
    {
        var fitted = CampaignLoader.Load(
            CsvTable.Parse(new StringReader("arm,bought,visits,channel\ncontrol,0,1,web\ncoupon,1,3,app\ncontrol,1,5,web\n"), "fit.csv"),
            new CampaignSpec("arm", "control", "bought"), "hash");
        var table = CsvTable.Parse(new StringReader("visits,channel\n,shop\n3,web\n"), "new.csv");

        var rows = CampaignLoader.Encode(table, [0, 1], fitted.Columns);

        // visits: mean 3, population sd √(8/3); a missing number takes the median (3); 'shop' was never seen: no level.
        Assert.Equal(["visits", "channel=app", "channel=web"], fitted.Columns.Select(c => c.Name));
        Assert.Equal([0f, 0f, 0f], rows[0]);
        Assert.Equal([0f, 0f, 1f], rows[1]);
        var error = Assert.Throws<CsvFormatException>(() => CampaignLoader.Encode(CsvTable.Parse(new StringReader("visits,channel\nmany,web\n"), "bad.csv"), [0], fitted.Columns));
        Assert.Equal("bad.csv, line 2, column 'visits': 'many' is not a number.", error.Message);
    }

    [Fact]
    public void An_external_test_file_is_judged_with_the_columns_fitted_on_the_training_file()
    {
        var directory = SharedData.TempDirectory();
        var lines = File.ReadAllLines(SharedData.Path("artea-a_b-experiment.csv"));
        File.WriteAllLines(Path.Combine(directory, "train.csv"), lines.Take(4001));
        File.WriteAllLines(Path.Combine(directory, "test.csv"), [lines[0], .. lines.Skip(4001)]);

        var summary = new UpliftExperiment(new UpliftOptions(
            Path.Combine(directory, "train.csv"),
            new CampaignSpec("test_coupon", "0", "trans_after", RevenueColumn: "revenue_after", IdColumn: "id", CategoricalColumns: ["channel_acq", "shopping_cart"]),
            Path.Combine(directory, "out"), Folds: 2, Families: [LearnerSpec.LogisticL2], TestPath: Path.Combine(directory, "test.csv")), TextWriter.Null).Run();

        Assert.Equal((4000, 4000, 1000), (summary.Data.Count, summary.Train.Count, summary.Test.Count));
        Assert.Same(summary.Train.Columns, summary.Test.Columns);
        Assert.Equal(lines.Skip(4001).Select(line => line.Split(',')[0]), summary.Test.Ids);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>One trimmed uplift run on Artea's coded file, shared by the tests above.</summary>
    public sealed class TrainedArtea
    {
        public TrainedArtea()
        {
            var output = SharedData.TempDirectory();
            Summary = new UpliftExperiment(new UpliftOptions(
                SharedData.Path("artea-a_b-experiment.csv"),
                new CampaignSpec("test_coupon", "0", "trans_after", RevenueColumn: "revenue_after", IdColumn: "id", CategoricalColumns: ["channel_acq", "shopping_cart"]),
                output, Folds: 3, Families: [LearnerSpec.LogisticL2, LearnerSpec.LightGbm, LearnerSpec.Deep]), TextWriter.Null).Run();
            ModelDirectory = Path.Combine(output, "model");
        }

        public UpliftSummary Summary { get; }

        public string ModelDirectory { get; }
    }
}
