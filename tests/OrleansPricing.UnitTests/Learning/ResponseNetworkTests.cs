using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class ResponseNetworkTests
{
    [Fact]
    public void Backpropagation_matches_finite_differences_for_every_parameter()
    {
        var shape = new NetworkShape([6, 5, 4], 2);
        var random = new Random(11);
        const int Rows = 9;
        var rows = new float[Rows * FeatureDefinition.Count];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < FeatureDefinition.Count; c++)
            {
                rows[r * FeatureDefinition.Count + c] = (float)(random.NextDouble() * 2 - 1);
            }

            // Every channel and both sides of the discount's kink at 0.
            rows[r * FeatureDefinition.Count + FeatureDefinition.IndexOf("channel_app")] = r % 3 == 1 ? 1 : 0;
            rows[r * FeatureDefinition.Count + FeatureDefinition.IndexOf("channel_email")] = r % 3 == 2 ? 1 : 0;
            rows[r * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] = r % 4 == 0 ? 0 : (float)(0.05 * r);
        }

        var labels = Enumerable.Range(0, Rows).Select(r => r % 2 == 0).ToList();
        var weights = Enumerable.Range(0, Rows).Select(r => 0.5 + r % 3).ToList();
        var values = ResponseNetwork.Initialize(shape, seed: 4);

        var (_, gradient) = ResponseNetwork.LossAndGradient(shape, values, rows, labels, weights);

        Assert.Equal(shape.Parameters(ResponseNetwork.Inputs), values.Length);
        const double Step = 1e-6;
        var checkedNonZero = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var saved = values[i];
            values[i] = saved + Step;
            var plus = ResponseNetwork.LossAndGradient(shape, values, rows, labels, weights).Loss;
            values[i] = saved - Step;
            var minus = ResponseNetwork.LossAndGradient(shape, values, rows, labels, weights).Loss;
            values[i] = saved;
            var numeric = (plus - minus) / (2 * Step);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 + 1e-4 * Math.Abs(numeric), $"parameter {i}: backprop {gradient[i]:G6}, finite difference {numeric:G6}");
            checkedNonZero += Math.Abs(numeric) > 1e-8 ? 1 : 0;
        }

        // Most parameters carry gradient (a dead unit's do not), so the check is not passing on zeros.
        Assert.True(checkedNonZero > values.Length * 3 / 4, $"{checkedNonZero} of {values.Length} parameters had a gradient");
    }

    [Fact]
    public void A_shape_counts_its_parameters_and_the_trained_network_has_them()
    {
        var shape = new NetworkShape([512, 512], 8);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 40 * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, 40).Select(r => r % 5 == 0).ToList();

        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, 40).ToList(), seed: 1, shape, epochs: 1);

        // embedding 3×8, layers (16 + 8)×512 + 512 and 512×512 + 512, heads 512 + 1 and 3×(512 + 1).
        Assert.Equal(3 * 8 + 24 * 512 + 512 + 512 * 512 + 512 + 513 + 3 * 513, network.ParameterCount);
        Assert.Equal(network.ParameterCount, shape.Parameters(ResponseNetwork.Inputs));
    }

    [Fact]
    public void A_shape_without_layers_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ResponseNetwork.Initialize(new NetworkShape([], 4), seed: 1));

        Assert.StartsWith("A network needs at least one hidden layer", error.Message);
    }
}
