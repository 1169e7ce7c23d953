using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class LearnedModelTests
{
    [Fact]
    public void The_interaction_input_is_the_row_the_squared_action_counters_and_each_discount_shape_times_both()
    {
        var row = Enumerable.Range(0, FeatureDefinition.Count).Select(j => 0.1f * (j + 1)).ToArray();
        row[FeatureDefinition.DiscountColumn] = 0.25f;
        var input = new float[LearnedModel.WidthOf(ModelKinds.LogisticInteractions)];

        LearnedModel.Expand(ModelKinds.LogisticInteractions, row, input);

        float[] squares = [.. new[] { "frequency", "views", "cart_adds" }.Select(name => row[FeatureDefinition.IndexOf(name)] * row[FeatureDefinition.IndexOf(name)])];
        Assert.Equal(row, input[..FeatureDefinition.Count]);
        Assert.Equal(squares, input[FeatureDefinition.Count..(FeatureDefinition.Count + 3)]);
        // One block per shape of d = 0.25 — d, ln(1 + d/0.05)/ln 21 = ln 6/ln 21, 1[d > 0] — each the shape, then it times
        // the columns before the discount, then times the squares.
        var block = 1 + FeatureDefinition.DiscountColumn + squares.Length;
        Assert.Equal(FeatureDefinition.Count + squares.Length + 3 * block, input.Length);
        double[] shapes = [0.25, Math.Log(6) / Math.Log(21), 1];
        for (var s = 0; s < shapes.Length; s++)
        {
            var at = FeatureDefinition.Count + squares.Length + s * block;
            double[] expected = [shapes[s], .. row[..FeatureDefinition.DiscountColumn].Select(x => shapes[s] * x), .. squares.Select(q => shapes[s] * q)];
            for (var k = 0; k < block; k++)
            {
                Assert.Equal(expected[k], input[at + k], 1e-6);
            }
        }
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
