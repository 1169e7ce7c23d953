using OrleansPricing.Pricing.Learning;
using Microsoft.ML.Data;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.DecisionLog;
using OrleansPricing.Training.Metrics;

namespace OrleansPricing.Training.Tests;

public sealed class DecisionLogTests
{
    private static readonly LogisticResponseModel Truth = ServedModels.Prior;

    [Fact]
    public void Csv_round_trip_keeps_the_feature_row()
    {
        var record = DecisionLogSimulator.Simulate(Truth, 3, 0.5, seed: 3, new PricingOptions().DiscountGrid)[2];
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        var back = DecisionLogReader.Read(path).Single();

        var expected = new float[FeatureDefinition.Count];
        var actual = new float[FeatureDefinition.Count];
        record.WriteFeatures(expected);
        back.WriteFeatures(actual);
        Assert.Equal(expected, actual);
        Assert.Equal(record.Propensity, back.Propensity);
        Assert.Equal(record.Purchased, back.Purchased);
    }

    [Fact]
    public void Csv_round_trip_keeps_the_event_sequence_and_a_log_without_its_column_reads_as_no_events()
    {
        var features = new CustomerFeatures();
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        features.Apply(new CustomerEvent("v", CustomerEventType.View, "SKU-1", "odd;cat:egory", 1, 0, t0), new FeatureHalfLives());
        features.RecordPurchase(t0.AddHours(5), 42.5m, 7.5m, ["hats"], new FeatureHalfLives(), offersRedeemed: 1, modelPriced: true);
        var simulated = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0];
        var record = simulated with { Timestamp = t0.AddDays(2), Customer = features.Snapshot(t0.AddDays(2), new FeatureHalfLives()) };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        var back = DecisionLogReader.Read(path).Single();

        Assert.Equal(record.Customer.Events, back.Customer.Events);
        var (expected, actual) = (new float[EventSequence.Width], new float[EventSequence.Width]);
        record.WriteSequence(expected);
        back.WriteSequence(actual);
        Assert.Equal(expected, actual);
        // A log written before the newest columns existed.
        WithoutColumns(path, "recent_events", "discounted_purchases", "trial_arm", "trial_levels_differ", "model_priced_purchases", "model_priced_spend", "discounted_spend");
        Assert.Empty(DecisionLogReader.Read(path).Single().Customer.Events);
    }

    [Fact]
    public void A_log_written_before_discounted_purchases_had_a_column_reads_its_redeemed_offers_as_discounted_purchases()
    {
        // Such a log counted every discounted purchase, the shop's own sales too, as a redeemed offer.
        var simulated = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0];
        var record = simulated with { Customer = simulated.Customer with { OffersSeen = 1, OffersRedeemed = 3, DiscountedPurchases = 5 } };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);
        Assert.Equal((1, 3, 5), Counts(DecisionLogReader.Read(path).Single()));

        // Without the columns written after it existed.
        WithoutColumns(path, "discounted_purchases", "trial_arm", "trial_levels_differ", "model_priced_purchases", "model_priced_spend");

        Assert.Equal((1, 1, 3), Counts(DecisionLogReader.Read(path).Single()));

        static (int Seen, int Redeemed, int Discounted) Counts(DecisionRecord r) => (r.Customer.OffersSeen, r.Customer.OffersRedeemed, r.Customer.DiscountedPurchases);
    }

    [Fact]
    public void Model_priced_purchases_round_trip_and_a_log_without_their_columns_reads_its_share_and_depth_as_served()
    {
        // Such a log (before 2026-12-03) counted orders on the levels models chose in the share and depth.
        var simulated = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0];
        var record = simulated with
        {
            Customer = simulated.Customer with { LifetimePurchases = 4, LifetimeSpend = 200m, DiscountedPurchases = 2, DiscountReceived = 30m, ModelPricedPurchases = 2, ModelPricedSpend = 90m },
        };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        var back = DecisionLogReader.Read(path).Single().Customer;
        Assert.Equal((2, 90m), (back.ModelPricedPurchases, back.ModelPricedSpend));
        Assert.Equal(1.0, back.DiscountedPurchaseShare, 12);
        Assert.Equal(30.0 / 140.0, back.MeanDiscountDepth, 12);

        WithoutColumns(path, "model_priced_purchases", "model_priced_spend");
        var older = DecisionLogReader.Read(path).Single().Customer;

        Assert.Equal((0, 0m), (older.ModelPricedPurchases, older.ModelPricedSpend));
        Assert.Equal(0.5, older.DiscountedPurchaseShare, 12);
        Assert.Equal(30.0 / 230.0, older.MeanDiscountDepth, 12);
    }

    [Fact]
    public void The_discounted_purchases_cost_round_trips_and_a_log_without_its_column_reads_the_depth_as_served()
    {
        // Such a log (before 2026-12-05) read the discount received against the list value of every purchase.
        var simulated = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0];
        var record = simulated with
        {
            Customer = simulated.Customer with { LifetimePurchases = 4, LifetimeSpend = 200m, DiscountedPurchases = 2, DiscountReceived = 30m, DiscountedSpend = 60m },
        };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        var back = DecisionLogReader.Read(path).Single().Customer;
        Assert.Equal(60m, back.DiscountedSpend);
        Assert.Equal(0.5 * 30.0 / 90.0, back.MeanDiscountDepth, 12);

        WithoutColumns(path, "discounted_spend");
        var older = DecisionLogReader.Read(path).Single().Customer;

        Assert.Null(older.DiscountedSpend);
        Assert.Equal(30.0 / 230.0, older.MeanDiscountDepth, 12);
    }

    [Theory]
    [InlineData(true, "shadow", true, "1")]
    [InlineData(false, "active", false, "0")]
    [InlineData(null, "", null, "")]
    public void The_trial_arm_round_trips_and_a_log_without_its_columns_reads_as_no_trial(bool? shadowArm, string written, bool? levelsDiffer, string writtenDiffer)
    {
        var record = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0] with { ShadowArm = shadowArm, TrialLevelsDiffer = levelsDiffer };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        var back = DecisionLogReader.Read(path).Single();
        Assert.Equal((shadowArm, levelsDiffer), (back.ShadowArm, back.TrialLevelsDiffer));
        Assert.Equal((written, writtenDiffer), (Field(path, "trial_arm"), Field(path, "trial_levels_differ")));
        WithoutColumns(path, "trial_levels_differ");
        Assert.Equal((shadowArm, null), (DecisionLogReader.Read(path).Single().ShadowArm, DecisionLogReader.Read(path).Single().TrialLevelsDiffer));
        WithoutColumns(path, "trial_arm");
        Assert.Null(DecisionLogReader.Read(path).Single().ShadowArm);
    }

    [Theory]
    [InlineData(1.25, "1.25", 0.15, "0.15")]
    [InlineData(0.0, "0", 0.0, "0")]
    [InlineData(null, "", null, "")]
    public void The_exploration_draw_round_trips_and_a_log_without_its_columns_reads_as_no_draw(double? cost, string written, double? from, string fromWritten)
    {
        var record = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0] with { ExplorationCost = cost, ExploredFrom = from };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        Assert.Equal((cost, from), (DecisionLogReader.Read(path).Single().ExplorationCost, DecisionLogReader.Read(path).Single().ExploredFrom));
        Assert.Equal((written, fromWritten), (Field(path, "exploration_cost"), Field(path, "explored_from")));
        WithoutColumns(path, "exploration_cost", "explored_from");
        Assert.Equal((null, null), (DecisionLogReader.Read(path).Single().ExplorationCost, DecisionLogReader.Read(path).Single().ExploredFrom));
    }

    [Fact]
    public void The_policy_round_trips_to_six_digits_and_a_log_without_its_column_reads_as_having_none()
    {
        // The served policy's usual shape: 5% greedy, ε = 0.05 spread over nine allowed levels.
        double[] grid = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];
        IReadOnlyList<(double, double)> policy = [.. grid.Select(level => (level, (level == 0.05 ? 0.95 : 0) + (0.05 / 9)))];
        var record = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0] with
        {
            Discount = 0.05, Propensity = 0.95 + (0.05 / 9), Policy = policy,
        };
        var path = Path.Combine(SharedData.TempDirectory(), "log.csv");
        WriteLog(path, record);

        Assert.Equal(
            "0:0.00555556;0.05:0.955556;0.1:0.00555556;0.15:0.00555556;0.2:0.00555556;0.25:0.00555556;0.3:0.00555556;0.35:0.00555556;0.4:0.00555556",
            Field(path, "policy"));
        var back = DecisionLogReader.Read(path).Single();
        Assert.Equal(grid, back.Policy!.Select(level => level.Discount));
        Assert.All(back.Policy!.Zip(policy), pair => Assert.Equal(pair.Second.Item2, pair.First.Probability, 6));
        Assert.Equal(0.95 + (0.05 / 9), back.Propensity);
        WithoutColumns(path, "policy");
        Assert.Null(DecisionLogReader.Read(path).Single().Policy);
    }

    [Theory]
    [InlineData("exploration_cost", "cheap", "bad.csv, line 2: column 'exploration_cost': 'cheap' is not a number.")]
    [InlineData("explored_from", "deep", "bad.csv, line 2: column 'explored_from': 'deep' is not a number.")]
    [InlineData("explored_from", "0.2", "bad.csv, line 2: column 'explored_from': '0.2' is set where 'exploration_cost' is empty; an exploration draw writes both.")]
    [InlineData("trial_arm", "control", "bad.csv, line 2: column 'trial_arm': 'control' is not shadow, active or empty.")]
    [InlineData("trial_levels_differ", "yes", "bad.csv, line 2: column 'trial_levels_differ': 'yes' is not 0, 1 or empty.")]
    [InlineData("policy", "0:0.5;0.1:0.4", "bad.csv, line 2: column 'policy': the probabilities sum to 0.9, not 1.")]
    [InlineData("policy", "0:1", "bad.csv, line 2: column 'policy': no level at the logged discount 0.1 with its propensity 0.5.")]
    [InlineData("policy", "0:0.5;0.1", "bad.csv, line 2: column 'policy': '0.1' is not discount:probability (a discount in [0, 1), a probability in [0, 1]).")]
    [InlineData("policy", "0:1.5;0.1:-0.5", "bad.csv, line 2: column 'policy': '0:1.5' is not discount:probability (a discount in [0, 1), a probability in [0, 1]).")]
    [InlineData("policy", "0:0.5;0.1:0.5;1.2:0", "bad.csv, line 2: column 'policy': '1.2:0' is not discount:probability (a discount in [0, 1), a probability in [0, 1]).")]
    [InlineData("policy", "0:0;0.1:0", "bad.csv, line 2: column 'policy': the probabilities sum to 0, not 1.")]
    public void A_trial_exploration_or_policy_column_with_a_value_it_cannot_hold_is_refused_naming_the_column(string column, string value, string message)
    {
        // Quoted at 10% with propensity 0.5, so that a policy holding that level at 0.5 would be whole.
        var record = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0] with { Discount = 0.1, Propensity = 0.5 };
        var path = Path.Combine(SharedData.TempDirectory(), "bad.csv");
        WriteLog(path, record);
        var lines = File.ReadAllLines(path);
        var fields = lines[1].Split(',');
        fields[Array.IndexOf(lines[0].Split(','), column)] = value;
        File.WriteAllLines(path, [lines[0], string.Join(',', fields)]);

        var error = Assert.Throws<CsvFormatException>(() => DecisionLogReader.Read(path));

        Assert.Equal(message, error.Message);
    }

    /// <summary>The log at <paramref name="path"/> (one header, rows with no quoted commas) without the named columns: as a log written before they existed.</summary>
    private static void WithoutColumns(string path, params string[] columns)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        Assert.All(columns, column => Assert.Contains(column, header));
        var kept = Enumerable.Range(0, header.Length).Where(i => !columns.Contains(header[i])).ToList();
        File.WriteAllLines(path, lines.Select(line => line.Split(',') is var fields && fields.Length == header.Length
            ? string.Join(',', kept.Select(i => fields[i]))
            : throw new InvalidOperationException("A row with a quoted comma: split it with a CSV reader.")));
    }

    /// <summary>The named field of the first row of the log at <paramref name="path"/>.</summary>
    private static string Field(string path, string column)
    {
        var lines = File.ReadAllLines(path);
        return lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), column)];
    }

    [Fact]
    public void Cluster_log_folder_joins_purchases_and_labels_expired_quotes()
    {
        var records = DecisionLogSimulator.Simulate(Truth, 3, 0.5, seed: 5, new PricingOptions().DiscountGrid);
        var t0 = records[0].Timestamp;
        var bought = records[0] with { DecisionId = "q-bought", Timestamp = t0, Purchased = null };
        var expired = records[1] with { DecisionId = "q-expired", Timestamp = t0.AddMinutes(1), Purchased = null };
        var open = records[2] with { DecisionId = "q-open", Timestamp = t0.AddMinutes(20), Purchased = null };
        var openBought = records[2] with { DecisionId = "q-open-bought", Timestamp = t0.AddMinutes(19), Purchased = null };
        var folder = SharedData.TempDirectory();
        WriteLog(Path.Combine(folder, "decisions-silo_a.csv"), bought, expired);
        WriteLog(Path.Combine(folder, "decisions-silo_b.csv"), openBought, open);
        WritePurchases(Path.Combine(folder, "purchases-silo_b.csv"), ("q-bought", "order-1", t0.AddMinutes(3)), ("q-open-bought", "order-2", t0.AddMinutes(19.5)));

        // Newest time in the log: the open quote's, 20 minutes in. With a 15-minute lifetime the second quote has
        // expired unordered; the last two have not expired, and one bought is left out like one not bought yet, so
        // that the newest decisions are not all purchases.
        var labels = DecisionLogReader.ReadCluster(folder, TimeSpan.FromMinutes(15)).ToDictionary(r => r.DecisionId, r => r.Purchased);

        Assert.Equal(new Dictionary<string, bool?> { ["q-bought"] = true, ["q-expired"] = false, ["q-open-bought"] = null, ["q-open"] = null }, labels);
    }

    [Fact]
    public void A_simulated_log_written_as_a_silo_writes_it_reads_back_with_its_labels()
    {
        var records = DecisionLogSimulator.Simulate(Truth, 200, 0.5, seed: 7, new PricingOptions().DiscountGrid);
        var folder = SharedData.TempDirectory();

        var bought = DecisionLogFolder.Write(folder, "simulated", records);

        // Labelled by the purchases written beside the decisions, as the silos' files are: read an hour after the last.
        var read = DecisionLogFolder.Read(folder, records[^1].Timestamp.AddHours(1), TimeSpan.FromMinutes(15));
        Assert.Equal(records.Select(r => (r.DecisionId, r.Purchased)), read.Select(r => (r.DecisionId, r.Purchased)));
        Assert.Equal(records.Count(r => r.Purchased == true), bought);
        Assert.Contains(read, r => r.Purchased == true);
        Assert.Contains(read, r => r.Purchased == false);
        Assert.Equal(["decisions-simulated.csv", "purchases-simulated.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bad_value_names_line_and_column()
    {
        var record = DecisionLogSimulator.Simulate(Truth, 1, 0.5, seed: 3, new PricingOptions().DiscountGrid)[0];
        var path = Path.Combine(SharedData.TempDirectory(), "bad.csv");
        WriteLog(path, record, record with { Propensity = 0 });

        var error = Assert.Throws<CsvFormatException>(() => DecisionLogReader.Read(path));

        Assert.Equal("bad.csv, line 3: column 'propensity': 0 is not a probability in (0, 1].", error.Message);
    }

    [Fact]
    public void Trained_model_file_is_servable_and_reproduces_mlnet()
    {
        var records = DecisionLogSimulator.Simulate(Truth, 20000, 0.3, seed: 11, new PricingOptions().DiscountGrid);
        var (file, model, ml) = DecisionLogTrainer.Train(records, "logistic-purchase", "2.0.0", 0.01f, seed: 1);
        var path = Path.Combine(SharedData.TempDirectory(), "logistic-purchase.json");
        DecisionLogTrainer.Save(file, path);

        var served = LogisticResponseModel.Load(path);
        var sample = records.Take(500).ToList();
        var mlnet = model.Transform(DecisionLogTrainer.ToDataView(ml, sample)).GetColumn<float>("Probability").ToArray();
        var row = new float[FeatureDefinition.Count];
        var worst = sample.Select((r, i) =>
        {
            r.WriteFeatures(row);
            return Math.Abs(served.Predict(row) - mlnet[i]);
        }).Max();

        Assert.Equal(FeatureDefinition.Version, served.Info.FeatureDefinitionVersion);
        Assert.True(worst < 1e-4, $"served model differs from ML.NET by up to {worst}");
    }

    [Fact]
    public void Training_on_a_simulated_log_ranks_almost_as_well_as_the_truth()
    {
        var grid = new PricingOptions().DiscountGrid;
        var train = DecisionLogSimulator.Simulate(Truth, 30000, 0.3, seed: 21, grid);
        var test = DecisionLogSimulator.Simulate(Truth, 10000, 0.3, seed: 22, grid);
        var (file, _, _) = DecisionLogTrainer.Train(train, "logistic-purchase", "2.0.0", 0.01f, seed: 1);
        var path = Path.Combine(SharedData.TempDirectory(), "trained.json");
        DecisionLogTrainer.Save(file, path);
        var trained = LogisticResponseModel.Load(path);

        var row = new float[FeatureDefinition.Count];
        double[] Scores(LogisticResponseModel model) => test.Select(r =>
        {
            r.WriteFeatures(row);
            return model.Predict(row);
        }).ToArray();
        var labels = test.Select(r => r.Purchased!.Value).ToArray();
        var truthAuc = ClassifierMetrics.AreaUnderRoc(Scores(Truth), labels);
        var trainedAuc = ClassifierMetrics.AreaUnderRoc(Scores(trained), labels);

        Assert.True(trainedAuc > truthAuc - 0.03, $"trained AUC {trainedAuc:F3} vs truth {truthAuc:F3}");
        Assert.True(file.Coefficients!["recency"] < 0, "recency lowers purchase probability in the truth");
        Assert.True(file.Coefficients["category_affinity"] > 0, "affinity raises purchase probability in the truth");
    }

    [Fact]
    public void Ids_with_commas_quotes_and_line_breaks_round_trip_through_the_cluster_log()
    {
        var records = DecisionLogSimulator.Simulate(Truth, 2, 0.5, seed: 11, new PricingOptions().DiscountGrid);
        var t0 = records[0].Timestamp;
        var awkward = records[0] with
        {
            DecisionId = "q,1 \"quoted\"", CustomerId = "customer, \"the\" first\nline two", Model = "logistic@1,2", Purchased = null,
        };
        var plain = records[1] with { DecisionId = "q-2", Timestamp = t0.AddMinutes(30), Purchased = null };
        var folder = SharedData.TempDirectory();
        WriteLog(Path.Combine(folder, "decisions-silo_a.csv"), awkward, plain);
        WritePurchases(Path.Combine(folder, "purchases-silo_a.csv"), (awkward.DecisionId, "order, \"A\"", t0.AddMinutes(2)));

        var back = DecisionLogReader.ReadCluster(folder, TimeSpan.FromMinutes(15)).ToDictionary(r => r.DecisionId);

        Assert.Equal(["q,1 \"quoted\"", "q-2"], back.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(awkward.CustomerId, back[awkward.DecisionId].CustomerId);
        Assert.Equal(awkward.Model, back[awkward.DecisionId].Model);
        Assert.True(back[awkward.DecisionId].Purchased);
        Assert.Null(back["q-2"].Purchased);
    }

    [Fact]
    public void A_read_since_a_time_keeps_only_the_decisions_made_since_then()
    {
        var records = DecisionLogSimulator.Simulate(Truth, 3, 0.5, seed: 12, new PricingOptions().DiscountGrid, spacing: TimeSpan.FromHours(1))
            .Select(r => r with { Purchased = null }).ToArray();
        var folder = SharedData.TempDirectory();
        WriteLog(Path.Combine(folder, "decisions-silo_a.csv"), records);

        var since = DecisionLogFolder.Read(folder, records[^1].Timestamp.AddHours(1), TimeSpan.FromMinutes(15), since: records[1].Timestamp);

        Assert.Equal([records[1].DecisionId, records[2].DecisionId], since.Select(r => r.DecisionId));
    }

    private static void WriteLog(string path, params DecisionRecord[] records)
    {
        using var text = new StreamWriter(path);
        DecisionLogCsv.WriteDecisions(text, records);
    }

    private static void WritePurchases(string path, params (string DecisionId, string OrderId, DateTimeOffset At)[] purchases)
    {
        using var text = new StreamWriter(path);
        text.WriteLine(DecisionLogCsv.HeaderOf(DecisionLogCsv.PurchaseColumns));
        using var writer = DecisionLogCsv.RowWriter(text);
        foreach (var (decisionId, orderId, at) in purchases)
        {
            DecisionLogCsv.WritePurchase(writer, decisionId, orderId, at);
        }
    }
}
