using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class LearnedModelTests
{
    [Fact]
    public void The_interaction_input_is_the_row_the_derived_columns_and_each_discount_shape_times_both()
    {
        var row = Enumerable.Range(0, FeatureDefinition.Count).Select(j => 0.1f * (j + 1)).ToArray();
        row[FeatureDefinition.DiscountColumn] = 0.25f;
        row[FeatureDefinition.IndexOf("frequency")] = MathF.Log(1 + 4); // four purchases, decayed
        row[FeatureDefinition.IndexOf("discounted_purchase_share")] = 0.25f; // one of them discounted
        row[FeatureDefinition.IndexOf("discount_depth")] = 0.05f; // at 20% off: the usual depth is 0.05 / 0.25
        var input = new float[LearnedModel.WidthOf(ModelKinds.LogisticInteractions)];

        LearnedModel.Expand(ModelKinds.LogisticInteractions, row, input);

        // The squared action counters, then ln(1 + discounted purchases) = ln 2 and ln(1 + purchases at list price) = ln 4.
        double[] derived = [.. new[] { "frequency", "views", "cart_adds" }.Select(name => (double)row[FeatureDefinition.IndexOf(name)] * row[FeatureDefinition.IndexOf(name)]),
            Math.Log(2), Math.Log(4)];
        Assert.Equal(row, input[..FeatureDefinition.Count]);
        for (var k = 0; k < derived.Length; k++)
        {
            Assert.Equal(derived[k], input[FeatureDefinition.Count + k], 1e-5);
        }

        // One block per shape of d = 0.25 — d, ln(1 + d/0.05)/ln 21 = ln 6/ln 21, 1[d > 0] — each the shape, then it times
        // the columns before the discount, then times the derived columns.
        var block = 1 + FeatureDefinition.DiscountColumn + derived.Length;
        Assert.Equal(FeatureDefinition.Count + derived.Length + 3 * block + LearnedModel.ReferenceColumns, input.Length);
        double[] shapes = [0.25, Math.Log(6) / Math.Log(21), 1];
        for (var s = 0; s < shapes.Length; s++)
        {
            var at = FeatureDefinition.Count + derived.Length + s * block;
            double[] expected = [shapes[s], .. row[..FeatureDefinition.DiscountColumn].Select(x => shapes[s] * x), .. derived.Select(q => shapes[s] * q)];
            for (var k = 0; k < block; k++)
            {
                Assert.Equal(expected[k], input[at + k], 1e-5);
            }
        }

        // Last the reference terms: 25% reaches the usual 20%, weighed by the one discounted purchase's evidence, ln 2.
        Assert.Equal(Math.Log(2), input[^2], 1e-5);
        Assert.Equal(0, input[^1]);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.15, 0.0, 0.0)] // no discounted purchase: no reference at any level
    [InlineData(0.0, 0.0, 0.0, 0.0, 0.0)]
    [InlineData(0.5, 0.1, 0.0, 0.0, 0.0)] // usual 20%: list price neither reaches it nor is an offer short of it
    [InlineData(0.5, 0.1, 0.1, 0.0, 0.1)]
    [InlineData(0.5, 0.1, 0.15, 0.0, 0.05)]
    [InlineData(0.5, 0.1, 0.2, 1.0, 0.0)]
    [InlineData(0.5, 0.1, 0.3, 1.0, 0.0)]
    [InlineData(0.5, 0.096, 0.15, 0.0, 0.042)] // 19.2%, amounts in cents: 20% reaches it, 15% does not
    [InlineData(0.5, 0.096, 0.2, 1.0, 0.0)]
    [InlineData(0.1, 0.5, 0.4, 0.0, 0.2)] // a ratio of small shares says at most 60%
    public void The_reference_terms_read_the_usual_depth_from_the_share_and_the_depth_and_weigh_it_by_the_evidence(
        double share, double depth, double discount, double reaches, double shortfall)
    {
        var row = new float[FeatureDefinition.Count];
        row[FeatureDefinition.IndexOf("frequency")] = MathF.Log(1 + 4); // four purchases, decayed
        row[FeatureDefinition.IndexOf("discounted_purchase_share")] = (float)share;
        row[FeatureDefinition.IndexOf("discount_depth")] = (float)depth;
        row[FeatureDefinition.DiscountColumn] = (float)discount;
        var evidence = Math.Log(1 + (4 * share)); // ln(1 + discounted purchases)

        var (actualReaches, actualShortfall) = LearnedModel.Reference(row);

        Assert.Equal(reaches * evidence, actualReaches, 1e-5);
        Assert.Equal(shortfall * evidence, actualShortfall, 1e-5);
    }

    [Fact]
    public void A_customer_without_purchases_has_no_evidence_either_way()
    {
        var row = new float[FeatureDefinition.Count];

        Assert.Equal((0f, 0f), LearnedModel.Evidence(row));
    }

    [Fact]
    public void The_plain_kind_reads_the_row_as_it_is()
    {
        var row = Enumerable.Range(0, FeatureDefinition.Count).Select(j => 0.1f * j).ToArray();
        var input = new float[LearnedModel.WidthOf(ModelKinds.Logistic)];

        LearnedModel.Expand(ModelKinds.Logistic, row, input);

        Assert.Equal(row, input);
    }
}
