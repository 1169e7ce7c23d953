using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Learning;

public sealed class SegmentResponseModelTests
{
    private static readonly double[] Levels = [0.1, 0.2, 0.3];

    [Theory]
    [InlineData(0.0, 0, 0, 0)]
    [InlineData(0.1, 1, 0, 0)]
    [InlineData(0.15, 0.5, 0.5, 0)]
    [InlineData(0.05, 0.5, 0, 0)]
    [InlineData(0.3, 0, 0, 1)]
    [InlineData(0.4, 0, 0, 1)]
    public void A_discount_reads_each_curve_at_its_level_and_in_straight_lines_between(double discount, float first, float second, float third)
    {
        var hats = new float[Levels.Length];

        SegmentResponseModel.Hats((float)discount, Levels, hats);

        Assert.Equal([first, second, third], hats, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    /// <summary>
    /// Customers of two kinds the history tells apart: deal hunters (many views, most purchases 25% below list) who buy
    /// only from a 20% discount on, and regulars (purchases at list price) whom a discount does not move.
    /// </summary>
    private static List<DecisionRecord> TwoKindsLog(int count, int seed)
    {
        var random = new Random(seed);
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        double[] grid = [0, .. Levels];
        var product = new ProductFacts("SKU-1", "home", 50m, 20m, 25m, 0.4, 1000, 1);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var hunter = i % 2 == 0;
            var customer = new CustomerFeatureSnapshot(
                at, 20, 2, 5, 400, hunter ? 15 : 4, hunter ? 6 : 2, 5, 400m, 80m, new Dictionary<string, double>(StringComparer.Ordinal) { ["home"] = 0.5 },
                0, 0, DiscountReceived: hunter ? 100m : 0m, DiscountedPurchases: hunter ? 4 : 0);
            var level = random.Next(grid.Length);
            var buys = hunter ? (grid[level] >= 0.2 ? 0.3 : 0.02) : 0.1;
            return new DecisionRecord($"d-{i}", at.AddMinutes(i), $"customer-{i % 400}", new QuoteContext("web", at), product, customer,
                grid[level], 1.0 / grid.Length, "test", random.NextDouble() < buys);
        })];
    }

    [Fact]
    public void A_segment_that_answers_only_deep_discounts_gets_a_curve_of_its_own()
    {
        var log = TwoKindsLog(8000, seed: 4);

        var model = SegmentResponseModel.Train(log, new LearningOptions());

        Assert.Equal(Levels, model.Levels);
        float[] At(int customer, double discount)
        {
            var row = new float[FeatureDefinition.Count];
            log[customer].WriteFeatures(row, discount);
            return row;
        }

        double[] Curve(int customer) => [.. new[] { 0, 0.1, 0.2, 0.3 }.Select(d => (double)model.Predict(At(customer, d), 1)[0])];
        var (hunter, regular) = (Curve(0), Curve(1));
        // The answers: hunters 0.02 below 20% off and 0.30 from it, regulars 0.10 throughout. The penalty on the curves'
        // bends (SegmentResponseModel.WalkCurvature) rounds the hunters' threshold off: about 0.06 at 10% and 0.25 at 20%
        // (seeded, so fixed); one curve for both kinds would give the regulars the hunters' rise.
        Assert.InRange(hunter[0], 0.01, 0.04);
        Assert.InRange(hunter[1], 0.01, 0.07);
        Assert.All(hunter.Skip(2), p => Assert.InRange(p, 0.22, 0.35));
        Assert.All(regular, p => Assert.InRange(p, 0.08, 0.12));
    }

    [Fact]
    public void The_learning_run_trains_the_segment_kind_by_its_name_as_it_refits_a_promoted_candidate()
    {
        var log = TwoKindsLog(2000, seed: 7);
        float[] rows = [.. log.Take(50).SelectMany(r =>
        {
            var row = new float[FeatureDefinition.Count];
            r.WriteFeatures(row);
            return row;
        })];

        var byName = Assert.IsType<SegmentResponseModel>(LearningRun.Train(log, new LearningOptions(), ModelKinds.Segments, seed: 3));

        Assert.Equal(SegmentResponseModel.Train(log, new LearningOptions(), seed: 3).Predict(rows, 50), byName.Predict(rows, 50));
    }

    [Fact]
    public void A_log_of_list_prices_alone_trains_a_model_without_levels()
    {
        var log = TwoKindsLog(600, seed: 5).Select(r => r with { Discount = 0 }).ToList();

        var model = SegmentResponseModel.Train(log, new LearningOptions());

        Assert.Empty(model.Levels);
        var row = new float[FeatureDefinition.Count];
        log[1].WriteFeatures(row);
        Assert.InRange(model.Predict(row, 1)[0], 0.05, 0.15);
    }
}
