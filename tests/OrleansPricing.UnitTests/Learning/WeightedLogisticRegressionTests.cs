using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class WeightedLogisticRegressionTests
{
    /// <summary>
    /// Three discount levels as two indicator columns (level 0 is neither): 200 answers at level 0 and 200 at level 1,
    /// 10% of each buying, and 20 at level 2, half of them buying — a deep level few answered.
    /// </summary>
    private static (float[] Rows, bool[] Labels, double[] Weights) Levels()
    {
        var rows = new List<float>();
        var labels = new List<bool>();
        foreach (var (level, count, buyers) in new[] { (0, 200, 20), (1, 200, 20), (2, 20, 10) })
        {
            for (var i = 0; i < count; i++)
            {
                rows.Add(level == 1 ? 1 : 0);
                rows.Add(level == 2 ? 1 : 0);
                labels.Add(i < buyers);
            }
        }

        return ([.. rows], [.. labels], [.. labels.Select(_ => 1.0)]);
    }

    private static readonly double DeepLift = Math.Log(0.5 / 0.5) - Math.Log(0.1 / 0.9);

    /// <summary>
    /// The gradient of the log-loss over <see cref="Levels"/>' two columns, with the walk's terms precision·[β₁² + (β₂ − β₁)²]/2:
    /// at the fit, 0 unless a penalty the walk does not account for is in play.
    /// </summary>
    private static double[] WalkedGradient(float[] rows, bool[] labels, double intercept, double[] beta, double precision)
    {
        var gradient = new double[3];
        for (var i = 0; i < labels.Length; i++)
        {
            var p = 1 / (1 + Math.Exp(-(intercept + beta[0] * rows[2 * i] + beta[1] * rows[2 * i + 1])));
            var residual = p - (labels[i] ? 1 : 0);
            gradient[0] += residual;
            gradient[1] += residual * rows[2 * i];
            gradient[2] += residual * rows[2 * i + 1];
        }

        gradient[1] += precision * (beta[0] - (beta[1] - beta[0]));
        gradient[2] += precision * (beta[1] - beta[0]);
        return gradient;
    }

    [Fact]
    public void The_per_decision_ridge_shrinks_a_level_few_answered_and_a_random_walk_in_its_place_does_not()
    {
        var (rows, labels, weights) = Levels();

        var (_, ridge) = WeightedLogisticRegression.Fit(rows, 2, labels, weights, l2: 0.05);
        var (_, walk) = WeightedLogisticRegression.Fit(rows, 2, labels, weights, l2: 0.05, walks: [[0, 1]], walkPrecision: 0);

        // Per decision, 0.05 × 420 answers outweighs the 20 answers at level 2; without a penalty the fit is the data's.
        Assert.True(ridge[1] < DeepLift / 2, $"ridge: {ridge[1]}");
        Assert.Equal(0, walk[0], 6);
        Assert.Equal(DeepLift, walk[1], 6);
    }

    [Fact]
    public void A_random_walk_pulls_each_level_toward_its_neighbour_and_the_fit_is_where_the_penalized_loss_is_flat()
    {
        var (rows, labels, weights) = Levels();
        const double precision = 4;

        var (intercept, beta) = WeightedLogisticRegression.Fit(rows, 2, labels, weights, l2: 0.05, walks: [[0, 1]], walkPrecision: precision);

        // Level 1's answers say 0, level 2's say DeepLift; the walk draws level 2 down toward level 1 and level 1 up.
        Assert.True(beta[0] > 0.01 && beta[1] < DeepLift - 0.01 && beta[1] > beta[0], $"{beta[0]}, {beta[1]}");
        var gradient = WalkedGradient(rows, labels, intercept, beta, precision);
        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-6, $"gradient {g}"));
    }

    [Fact]
    public void Weighted_rows_mostly_zero_as_the_interaction_columns_are_fit_where_the_penalized_loss_is_flat()
    {
        // Rows shaped as the interaction model's: a dense column, a discount indicator on 30% of the rows, its product
        // with a dense column (0 wherever the indicator is), a rare flag and a column that is always 0; weights 1 to 3.
        const int width = 5;
        const double l2 = 1e-3;
        var random = new Random(5);
        var rows = new float[2000 * width];
        var labels = new bool[2000];
        var weights = new double[2000];
        for (var i = 0; i < labels.Length; i++)
        {
            var dense = (float)(random.NextDouble() * 2 - 1);
            var discounted = random.NextDouble() < 0.3 ? 1f : 0f;
            float[] row = [dense, discounted, discounted * (float)random.NextDouble(), random.NextDouble() < 0.05 ? 1f : 0f, 0f];
            row.CopyTo(rows, i * width);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(-1.5 + dense + (0.8 * row[1]) + (1.2 * row[2]) - row[3])));
            weights[i] = 1 + (2 * random.NextDouble());
        }

        var (intercept, beta) = WeightedLogisticRegression.Fit(rows, width, labels, weights, l2);

        // Newton's step uses the Hessian accumulated row by row; a wrong one would leave the gradient of
        // Σ wᵢ·logloss + l2·Σwᵢ·|β|²/2 away from 0 after the iterations allowed.
        var gradient = new double[width + 1];
        for (var i = 0; i < labels.Length; i++)
        {
            var z = intercept;
            for (var j = 0; j < width; j++)
            {
                z += beta[j] * rows[i * width + j];
            }

            var residual = weights[i] * ((1 / (1 + Math.Exp(-z))) - (labels[i] ? 1 : 0));
            gradient[0] += residual;
            for (var j = 0; j < width; j++)
            {
                gradient[j + 1] += residual * rows[i * width + j];
            }
        }

        for (var j = 0; j < width; j++)
        {
            gradient[j + 1] += l2 * weights.Sum() * beta[j];
        }

        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-6, $"gradient {g}"));
        Assert.Equal(0, beta[4]);
        Assert.True(beta[1] > 0.3 && beta[2] > 0.3 && beta[3] < 0, $"{beta[1]}, {beta[2]}, {beta[3]}");
    }

    /// <summary>
    /// Four discount levels as three indicator columns (level 0 is none of them): 300 answers at each of levels 0, 1 and 2,
    /// buying at 10%, 20% and 35% — a rising curve — and none at level 3, the deepest.
    /// </summary>
    private static (float[] Rows, bool[] Labels, double[] Weights) RisingLevels()
    {
        var rows = new List<float>();
        var labels = new List<bool>();
        foreach (var (level, buyers) in new[] { (0, 30), (1, 60), (2, 105) })
        {
            for (var i = 0; i < 300; i++)
            {
                rows.AddRange([level == 1 ? 1 : 0, level == 2 ? 1 : 0, 0]);
                labels.Add(i < buyers);
            }
        }

        return ([.. rows], [.. labels], [.. labels.Select(_ => 1.0)]);
    }

    [Fact]
    public void A_penalty_on_bends_carries_the_curves_slope_to_a_level_no_one_answered_where_the_walk_alone_carries_its_value()
    {
        var (rows, labels, weights) = RisingLevels();

        var (_, walk) = WeightedLogisticRegression.Fit(rows, 3, labels, weights, l2: 0.05, walks: [[0, 1, 2]], walkPrecision: 1);
        var (_, bends) = WeightedLogisticRegression.Fit(rows, 3, labels, weights, l2: 0.05, walks: [[0, 1, 2]], walkCurvature: 1);

        // The unanswered level's only terms are the penalty's: the walk's (β₃ − β₂)², the bends' (β₃ − 2β₂ + β₁)².
        Assert.True(walk[1] > walk[0] && walk[0] > 0, $"{walk[0]}, {walk[1]}");
        Assert.Equal(walk[1], walk[2], 6);
        Assert.True(bends[1] > bends[0] && bends[0] > 0, $"{bends[0]}, {bends[1]}");
        Assert.Equal(bends[1] + (bends[1] - bends[0]), bends[2], 6);
    }

    [Fact]
    public void With_the_walk_and_the_bends_the_fit_is_where_the_penalized_loss_is_flat()
    {
        var (rows, labels, weights) = Levels();
        const double precision = 4;
        const double curvature = 3;

        var (intercept, beta) = WeightedLogisticRegression.Fit(rows, 2, labels, weights, l2: 0.05, walks: [[0, 1]], walkPrecision: precision, walkCurvature: curvature);

        // The walk's terms, then one bend, β₂ − 2β₁ (the curve is 0 before the first level).
        var gradient = WalkedGradient(rows, labels, intercept, beta, precision);
        var bend = beta[1] - (2 * beta[0]);
        gradient[1] += curvature * -2 * bend;
        gradient[2] += curvature * bend;
        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-6, $"gradient {g}"));
    }

    [Fact]
    public void A_walk_over_a_column_that_is_not_there_or_a_negative_precision_is_refused()
    {
        var (rows, labels, weights) = Levels();

        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedLogisticRegression.Fit(rows, 2, labels, weights, 0.05, walks: [[0, 2]], walkPrecision: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedLogisticRegression.Fit(rows, 2, labels, weights, 0.05, walks: [[0, 1]], walkPrecision: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedLogisticRegression.Fit(rows, 2, labels, weights, 0.05, walks: [[0, 1]], walkCurvature: double.NaN));
    }
}
