namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Logistic regression with per-row weights (inverse propensities) and an L2 penalty, fitted by Newton's method: the
/// loss is convex and has 18 parameters here, so a few Newton steps reach the optimum exactly where gradient descent
/// would need tuning.
/// </summary>
public static class WeightedLogisticRegression
{
    /// <param name="rows">Row-major, <paramref name="width"/> values per row.</param>
    /// <param name="l2">Penalty per unit of weight: the loss is Σ wᵢ·logloss + l2·Σwᵢ·|β|²/2 (the intercept is not penalized).</param>
    public static (double Intercept, double[] Coefficients) Fit(
        ReadOnlySpan<float> rows, int width, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, double l2, int maxIterations = 30)
    {
        var n = labels.Count;
        if (rows.Length != n * width || weights.Count != n)
        {
            throw new ArgumentException($"Expected {n} rows of {width} values with {n} weights.");
        }

        var size = width + 1;
        var beta = new double[size];
        var totalWeight = weights.Sum();
        var gradient = new double[size];
        var hessian = new double[size * size];
        var x = new double[size];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < n; i++)
            {
                x[0] = 1;
                for (var j = 0; j < width; j++)
                {
                    x[j + 1] = rows[i * width + j];
                }

                var z = 0.0;
                for (var j = 0; j < size; j++)
                {
                    z += beta[j] * x[j];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var w = weights[i];
                var residual = w * (p - (labels[i] ? 1 : 0));
                var curvature = w * p * (1 - p);
                for (var a = 0; a < size; a++)
                {
                    gradient[a] += residual * x[a];
                    var row = a * size;
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[row + b] += curvature * x[a] * x[b];
                    }
                }
            }

            for (var a = 0; a < size; a++)
            {
                for (var b = a + 1; b < size; b++)
                {
                    hessian[a * size + b] = hessian[b * size + a];
                }
            }

            var penalty = l2 * totalWeight;
            for (var a = 1; a < size; a++)
            {
                gradient[a] += penalty * beta[a];
                hessian[a * size + a] += penalty;
            }

            // A tiny ridge keeps a constant column (e.g. a channel never seen) from making the system singular.
            for (var a = 0; a < size; a++)
            {
                hessian[a * size + a] += 1e-9 * (1 + totalWeight);
            }

            var step = Solve(hessian, gradient, size);
            var largest = 0.0;
            for (var a = 0; a < size; a++)
            {
                beta[a] -= step[a];
                largest = Math.Max(largest, Math.Abs(step[a]));
            }

            if (largest < 1e-7)
            {
                break;
            }
        }

        return (beta[0], beta[1..]);
    }

    /// <summary>Solves A·s = b by Gaussian elimination with partial pivoting (A is copied, size ≤ a few dozen).</summary>
    private static double[] Solve(double[] matrix, double[] vector, int size)
    {
        var a = (double[])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < size; column++)
        {
            var pivot = column;
            for (var r = column + 1; r < size; r++)
            {
                if (Math.Abs(a[r * size + column]) > Math.Abs(a[pivot * size + column]))
                {
                    pivot = r;
                }
            }

            if (pivot != column)
            {
                for (var c = 0; c < size; c++)
                {
                    (a[column * size + c], a[pivot * size + c]) = (a[pivot * size + c], a[column * size + c]);
                }

                (b[column], b[pivot]) = (b[pivot], b[column]);
            }

            var diagonal = a[column * size + column];
            for (var r = column + 1; r < size; r++)
            {
                var factor = a[r * size + column] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var c = column; c < size; c++)
                {
                    a[r * size + c] -= factor * a[column * size + c];
                }

                b[r] -= factor * b[column];
            }
        }

        var solution = new double[size];
        for (var r = size - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < size; c++)
            {
                sum -= a[r * size + c] * solution[c];
            }

            solution[r] = sum / a[r * size + r];
        }

        return solution;
    }
}
