using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Tests;

public sealed class TarNetLearnerTests
{
    [Fact]
    public void Backpropagation_matches_finite_differences_for_every_parameter()
    {
        var random = new Random(3);
        int[] layers = [5, 4];
        const int Inputs = 6;
        var features = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToList();
        var treated = Enumerable.Range(0, 10).Select(i => i % 2 == 0).ToList();
        var outcome = Enumerable.Range(0, 10).Select(i => i % 3 == 0).ToList();
        var weights = Enumerable.Range(0, 10).Select(i => 0.5 + i % 4).ToList();
        var values = TarNetLearner.Initialize(Inputs, layers, seed: 5);

        var (_, gradient) = TarNetLearner.LossAndGradient(Inputs, layers, values, features, treated, outcome, weights);

        const double Step = 1e-6;
        var withGradient = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var saved = values[i];
            values[i] = saved + Step;
            var plus = TarNetLearner.LossAndGradient(Inputs, layers, values, features, treated, outcome, weights).Loss;
            values[i] = saved - Step;
            var minus = TarNetLearner.LossAndGradient(Inputs, layers, values, features, treated, outcome, weights).Loss;
            values[i] = saved;
            var numeric = (plus - minus) / (2 * Step);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 + 1e-4 * Math.Abs(numeric), $"parameter {i}: backprop {gradient[i]:G6}, finite difference {numeric:G6}");
            withGradient += Math.Abs(numeric) > 1e-8 ? 1 : 0;
        }

        Assert.True(withGradient > values.Length * 3 / 4, $"{withGradient} of {values.Length} parameters had a gradient");
    }

    [Fact]
    public void Learns_who_the_offer_moves_on_a_simulated_trial()
    {
        // A randomized trial where the offer lifts buying only when the first feature is positive.
        var random = new Random(8);
        var features = Enumerable.Range(0, 4000).Select(_ => new[] { (float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1) }).ToList();
        var treated = features.Select(_ => random.NextDouble() < 0.5).ToList();
        var outcome = features.Select((x, i) => random.NextDouble() < 0.1 + (treated[i] && x[0] > 0 ? 0.3 : 0)).ToList();
        var learner = LearnerSpec.Grid([LearnerSpec.Deep])[0];

        var model = TarNetLearner.Fit(learner, features, treated, outcome, seed: 1);
        var (withOffer, without) = model.Predict([[0.5f, 0f], [-0.5f, 0f]]);

        Assert.InRange(withOffer[0] - without[0], 0.15, 0.45);
        Assert.InRange(withOffer[1] - without[1], -0.1, 0.1);
    }
}
