using System.Numerics.Tensors;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Logistic regression with per-row weights (inverse propensities) and an L2 penalty — or, over runs of columns, a
/// random-walk one — fitted by Newton's method: the loss is convex and has at most a few hundred parameters here, so a
/// few Newton steps reach the optimum exactly where gradient descent would need tuning.
/// </summary>
public static class WeightedLogisticRegression
{
    /// <param name="rows">Row-major, <paramref name="width"/> values per row.</param>
    /// <param name="l2">Penalty per unit of weight: the loss is Σ wᵢ·logloss + l2·Σwᵢ·|β|²/2 (the intercept is not penalized).</param>
    /// <param name="walks">
    /// Runs of columns in order (say one indicator per discount level) that take a random-walk penalty instead of
    /// <paramref name="l2"/>: <paramref name="walkPrecision"/>·[β₁² + Σ (βₖ − βₖ₋₁)²]/2 over each run, a prior of a
    /// curve that starts at 0 and moves in small steps. Its precision does not grow with the data, unlike the per-decision
    /// penalty, which shrinks a column seen on few rows — a deep discount level few answered — almost to nothing.
    /// </param>
    /// <param name="walkCurvature">
    /// Over the same runs, a penalty on the curve's bends: walkCurvature·Σ (βₖ − 2βₖ₋₁ + βₖ₋₂)²/2 for every level after the
    /// first, the curve being 0 before the first. Where few answered, it carries on the slope of the levels before
    /// (the first-order walk alone carries on their value), and it evens out steps that noise puts between neighbours.
    /// </param>
    /// <param name="cancellationToken">Checked before each Newton step.</param>
    public static (double Intercept, double[] Coefficients) Fit(
        ReadOnlySpan<float> rows, int width, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, double l2, int maxIterations = 30,
        IReadOnlyList<int[]>? walks = null, double walkPrecision = 0, double walkCurvature = 0, CancellationToken cancellationToken = default)
    {
        var n = labels.Count;
        if (rows.Length != n * width || weights.Count != n)
        {
            throw new ArgumentException($"Expected {n} rows of {width} values with {n} weights.");
        }

        if (!(walkPrecision >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(walkPrecision), "The random walk's precision must not be negative.");
        }

        if (!(walkCurvature >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(walkCurvature), "The penalty on the walk's bends must not be negative.");
        }

        var size = width + 1;
        var beta = new double[size];
        var totalWeight = weights.Sum();
        var gradient = new double[size];
        var hessian = new double[size * size];
        var x = new double[size];
        var walked = new bool[size];
        foreach (var column in (walks ?? []).SelectMany(walk => walk))
        {
            if (column < 0 || column >= width)
            {
                throw new ArgumentOutOfRangeException(nameof(walks), $"Column {column} is outside the {width} columns.");
            }

            walked[column + 1] = true;
        }

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                    // Most of a row's interaction columns are 0 (every discount column at list price, channels, new
                    // customers); their terms add nothing. The rest is one vectorized multiply-add per column, with the
                    // products and sums in the order of the scalar loop it replaced, so the fit is the same to the bit.
                    var xa = x[a];
                    if (xa == 0)
                    {
                        continue;
                    }

                    gradient[a] += residual * xa;
                    var row = hessian.AsSpan(a * size, a + 1);
                    TensorPrimitives.MultiplyAdd(x.AsSpan(0, a + 1), curvature * xa, row, row);
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
                if (!walked[a])
                {
                    gradient[a] += penalty * beta[a];
                    hessian[a * size + a] += penalty;
                }
            }

            foreach (var walk in walks ?? [])
            {
                for (var k = 0; k < walk.Length; k++)
                {
                    // β of the column and of the one before it in the walk (none before the first: the curve starts at 0).
                    var (a, b) = (walk[k] + 1, k == 0 ? -1 : walk[k - 1] + 1);
                    var rise = beta[a] - (b < 0 ? 0 : beta[b]);
                    gradient[a] += walkPrecision * rise;
                    hessian[a * size + a] += walkPrecision;
                    if (b >= 0)
                    {
                        gradient[b] -= walkPrecision * rise;
                        hessian[b * size + b] += walkPrecision;
                        hessian[a * size + b] -= walkPrecision;
                        hessian[b * size + a] -= walkPrecision;
                    }
                }
            }

            if (walkCurvature > 0)
            {
                foreach (var walk in walks ?? [])
                {
                    for (var k = 1; k < walk.Length; k++)
                    {
                        AddBend(walkCurvature, walk[k] + 1, walk[k - 1] + 1, k >= 2 ? walk[k - 2] + 1 : -1, beta, gradient, hessian, size);
                    }
                }
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

    /// <summary>
    /// The gradient and Hessian of curvature·(β[at] − 2β[before] + β[twoBefore])²/2; <paramref name="twoBefore"/> −1 for the
    /// curve's 0 before the first level.
    /// </summary>
    private static void AddBend(double curvature, int at, int before, int twoBefore, double[] beta, double[] gradient, double[] hessian, int size)
    {
        ReadOnlySpan<int> columns = [at, before, twoBefore];
        ReadOnlySpan<double> factors = [1, -2, 1];
        var bend = beta[at] - (2 * beta[before]) + (twoBefore < 0 ? 0 : beta[twoBefore]);
        for (var t = 0; t < 3; t++)
        {
            if (columns[t] < 0)
            {
                continue;
            }

            gradient[columns[t]] += curvature * factors[t] * bend;
            for (var u = 0; u < 3; u++)
            {
                if (columns[u] >= 0)
                {
                    hessian[(columns[t] * size) + columns[u]] += curvature * factors[t] * factors[u];
                }
            }
        }
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
