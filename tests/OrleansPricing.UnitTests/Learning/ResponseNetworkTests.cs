using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class ResponseNetworkTests
{
    [Fact]
    public void Backpropagation_matches_finite_differences_for_every_parameter() =>
        CheckGradient(new NetworkShape([6, 5, 4], 2));

    [Fact]
    public void Backpropagation_through_the_sequence_encoder_matches_finite_differences_for_every_parameter() =>
        CheckGradient(new NetworkShape([5, 4], 2, SequenceFilters: 3, SequenceKernel: 3));

    [Fact]
    public void Backpropagation_through_discount_steps_matches_finite_differences_for_every_parameter() =>
        CheckGradient(new NetworkShape([5, 4], 2, Steps: [0.1, 0.2, 0.3]));

    [Fact]
    public void Steps_let_the_network_learn_a_response_that_starts_late_and_rises_steeply()
    {
        // Customers who ignore 5–20% and buy at 25% or more: no weighting of the smooth shapes draws that; steps can.
        var random = new Random(7);
        const int Count = 6000;
        double[] grid = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
        var rows = new float[Count * FeatureDefinition.Count];
        var labels = new bool[Count];
        for (var r = 0; r < Count; r++)
        {
            for (var c = 0; c < FeatureDefinition.DiscountColumn; c++)
            {
                rows[r * FeatureDefinition.Count + c] = (float)random.NextDouble();
            }

            var discount = grid[random.Next(grid.Length)];
            rows[r * FeatureDefinition.Count + FeatureDefinition.DiscountColumn] = (float)discount;
            labels[r] = random.NextDouble() < (discount >= 0.25 ? 0.5 : 0.05);
        }

        var weights = Enumerable.Repeat(1.0, Count).ToList();
        double[] LearnedCurve(NetworkShape shape)
        {
            var network = ResponseNetwork.Train(rows, labels, weights, seed: 2, shape, epochs: 30);
            var row = rows[..FeatureDefinition.Count];
            return [.. grid.Select(d =>
            {
                row[FeatureDefinition.DiscountColumn] = (float)d;
                return (double)network.Predict(row, 1)[0];
            })];
        }

        var stepped = LearnedCurve(new NetworkShape([16], 2, Steps: [0.1, 0.15, 0.2, 0.25, 0.3]));
        var smooth = LearnedCurve(new NetworkShape([16], 2, Steps: []));

        // The stepped network puts the rise where it is — from 20% to 25% — and little elsewhere; the smooth shapes must
        // spread it over every level (curves with this seed: stepped 0.04 0.08 0.10 0.12 0.14 0.42 0.47, smooth 0.01
        // 0.05 0.09 0.16 0.24 0.33 0.43; the truth 0.05 to 20%, then 0.5).
        double[] Rises(double[] curve) => [.. curve.Zip(curve.Skip(1), (a, b) => b - a)];
        double Error(double[] curve) => curve.Select((p, g) => Math.Abs(p - (grid[g] >= 0.25 ? 0.5 : 0.05))).Sum();
        Assert.True(Rises(stepped)[4] > 0.2, $"stepped: {string.Join(" ", stepped)}");
        Assert.True(Rises(stepped)[4] > 3 * Rises(stepped).Where((_, g) => g != 4).Max(), $"stepped: {string.Join(" ", stepped)}");
        Assert.True(Rises(stepped)[4] > 2 * Rises(smooth)[4], $"stepped: {string.Join(" ", stepped)}; smooth: {string.Join(" ", smooth)}");
        Assert.True(Error(stepped) < 0.7 * Error(smooth), $"stepped: {string.Join(" ", stepped)}; smooth: {string.Join(" ", smooth)}");
    }

    [Fact]
    public void Steps_that_do_not_rise_strictly_within_0_and_1_are_refused()
    {
        foreach (double[] steps in new[] { new[] { 0.2, 0.1 }, [0.1, 0.1], [0, 0.1], [0.5, 1.5] })
        {
            var error = Assert.Throws<ArgumentException>(() => ResponseNetwork.Initialize(new NetworkShape([4], 2, Steps: steps), seed: 1));
            Assert.Contains("steps must rise strictly", error.Message);
        }
    }

    private static void CheckGradient(NetworkShape shape)
    {
        var random = new Random(11);
        const int Rows = 9;
        var width = ResponseNetwork.RowWidthOf(shape);
        var rows = new float[Rows * width];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < width; c++)
            {
                // Feature columns in [-1, 1]; event sequences in [0, 1] with the oldest positions empty, as short histories are.
                rows[r * width + c] = c < FeatureDefinition.Count ? (float)(random.NextDouble() * 2 - 1)
                    : (c - FeatureDefinition.Count) % EventSequence.Length < 10 + r % 6 ? (float)random.NextDouble() : 0;
            }

            // Every channel and both sides of the discount's kink at 0.
            rows[r * width + FeatureDefinition.IndexOf("channel_app")] = r % 3 == 1 ? 1 : 0;
            rows[r * width + FeatureDefinition.IndexOf("channel_email")] = r % 3 == 2 ? 1 : 0;
            rows[r * width + FeatureDefinition.DiscountColumn] = r % 4 == 0 ? 0 : (float)(0.05 * r);
        }

        var labels = Enumerable.Range(0, Rows).Select(r => r % 2 == 0).ToList();
        var weights = Enumerable.Range(0, Rows).Select(r => 0.5 + r % 3).ToList();
        var values = ResponseNetwork.Initialize(shape, seed: 4);
        // Biases start at 0, where an empty event window puts a filter exactly on ReLU's kink; check a point off it.
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += (random.NextDouble() - 0.5) * 0.02;
        }

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

        // embedding 3×8, layers (16 + 8)×512 + 512 and 512×512 + 512, heads 512 + 1 and 4 discount shapes × (512 + 1).
        Assert.Equal(3 * 8 + 24 * 512 + 512 + 512 * 512 + 512 + 513 + 4 * 513, network.ParameterCount);
        Assert.Equal(network.ParameterCount, shape.Parameters(ResponseNetwork.Inputs));
    }

    [Fact]
    public void A_sequence_encoder_adds_its_filters_and_reads_the_events_after_the_feature_row()
    {
        var shape = new NetworkShape([8], 2, SequenceFilters: 4, SequenceKernel: 3);
        var width = ResponseNetwork.RowWidthOf(shape);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 30 * width).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, 30).Select(r => r % 4 == 0).ToList();

        var network = ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, 30).ToList(), seed: 1, shape, epochs: 1);

        // embedding 3×2, filters 4×(8 channels × 3 events) + 4, layer (16 + 2 + 4)×8 + 8, heads 8 + 1 and 4×(8 + 1).
        Assert.Equal(FeatureDefinition.Count + 8 * 16, width);
        Assert.Equal(3 * 2 + 4 * 24 + 4 + 22 * 8 + 8 + 9 + 4 * 9, network.ParameterCount);
        Assert.Equal(network.ParameterCount, shape.Parameters(ResponseNetwork.Inputs));
        var row = rows[..width];
        var before = network.Predict(row, 1)[0];
        row.AsSpan(FeatureDefinition.Count).Clear();
        Assert.NotEqual(before, network.Predict(row, 1)[0]);
    }

    [Fact]
    public void A_kernel_longer_than_the_event_window_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ResponseNetwork.Initialize(new NetworkShape([4], 2, SequenceFilters: 2, SequenceKernel: 17), seed: 1));

        Assert.Contains("an encoder kernel of 1 to 16 events", error.Message);
    }

    [Fact]
    public void A_shape_without_layers_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ResponseNetwork.Initialize(new NetworkShape([], 4), seed: 1));

        Assert.StartsWith("A network needs at least one hidden layer", error.Message);
    }
}
