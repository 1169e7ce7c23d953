using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A small discount-response network: a hidden ReLU layer over the columns before the discount (customer, product,
/// context) feeds two heads — a baseline purchase logit a(x) and non-negative sensitivities b(x) = softplus(·) for three
/// shapes of the discount g(d) = (d, √d, 1[d &gt; 0]) — so p(buy | x, d) = σ(a(x) + Σₖ bₖ(x)·gₖ(d)) rises with the
/// discount by construction, while who responds, and how soon, is learned from everything the customer did.
/// Inputs are standardized inside the first layer's weights.
/// </summary>
public sealed class ResponseNetwork : ICandidateModel
{
    public const int Shapes = 3;

    /// <summary>The trained values with the input standardization folded into the first layer, so it reads raw rows.</summary>
    private readonly Parameters _parameters;

    private ResponseNetwork(Parameters parameters) => _parameters = parameters;

    public string Kind => ModelKinds.ResponseNetwork;

    public int Inputs => _parameters.Inputs;

    public int Hidden => _parameters.Hidden;

    /// <summary>First layer, row-major [Inputs, Hidden] (standardization folded in), and its bias [Hidden].</summary>
    public double[] W1 => _parameters.Values[.._parameters.B1At];

    public double[] B1 => _parameters.Values[_parameters.B1At.._parameters.WaAt];

    /// <summary>Baseline head [Hidden] and bias.</summary>
    public double[] Wa => _parameters.Values[_parameters.WaAt.._parameters.BaAt];

    public double Ba => _parameters.Values[_parameters.BaAt];

    /// <summary>Sensitivity head, row-major [Hidden, Shapes], and its bias [Shapes].</summary>
    public double[] Wb => _parameters.Values[_parameters.WbAt.._parameters.BbAt];

    public double[] Bb => _parameters.Values[_parameters.BbAt..];

    public static (double Linear, double Concave, double Offered) DiscountShapes(double discount) =>
        (discount, Math.Sqrt(Math.Max(0, discount)), discount > 0 ? 1 : 0);

    public float[] Predict(float[] rows, int count)
    {
        var width = FeatureDefinition.Count;
        var probabilities = new float[count];
        for (var r = 0; r < count; r++)
        {
            probabilities[r] = (float)_parameters.Probability(rows.AsSpan(r * width, width));
        }

        return probabilities;
    }

    /// <summary>
    /// Trains on weighted rows by Adam on mini-batches (seeded), with L2 on the weights and early stopping on the most
    /// recent tenth of the rows (time order), keeping the parameters of the best validation loss.
    /// </summary>
    public static ResponseNetwork Train(
        float[] rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, int seed, int hidden = 32, int epochs = 40,
        int batch = 128, double learningRate = 0.005, double l2 = 1e-4, int patience = 5)
    {
        var width = FeatureDefinition.Count;
        var inputs = FeatureDefinition.DiscountColumn;
        var n = labels.Count;
        var validation = Math.Max(1, n / 10);
        var trainCount = n - validation;

        // Standardize the inputs on the training part; folded into the first layer at the end.
        var mean = new double[inputs];
        var scale = new double[inputs];
        for (var r = 0; r < trainCount; r++)
        {
            for (var i = 0; i < inputs; i++)
            {
                mean[i] += rows[r * width + i];
            }
        }

        for (var i = 0; i < inputs; i++)
        {
            mean[i] /= trainCount;
        }

        for (var r = 0; r < trainCount; r++)
        {
            for (var i = 0; i < inputs; i++)
            {
                var d = rows[r * width + i] - mean[i];
                scale[i] += d * d;
            }
        }

        for (var i = 0; i < inputs; i++)
        {
            scale[i] = Math.Sqrt(scale[i] / trainCount) is var sd && sd > 1e-9 ? sd : 1;
        }

        var x = new float[rows.Length];
        for (var r = 0; r < n; r++)
        {
            for (var i = 0; i < width; i++)
            {
                x[r * width + i] = i < inputs ? (float)((rows[r * width + i] - mean[i]) / scale[i]) : rows[r * width + i];
            }
        }

        var random = new Random(seed);
        var parameters = new Parameters(inputs, hidden, random);
        var gradient = new Parameters(inputs, hidden, null);
        var adam = new Adam(parameters.Count, learningRate);
        var best = parameters.Clone();
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        var order = Enumerable.Range(0, trainCount).ToArray();
        for (var epoch = 0; epoch < epochs && sinceBest < patience; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < trainCount; start += batch)
            {
                gradient.Clear();
                var end = Math.Min(trainCount, start + batch);
                var batchWeight = 0.0;
                for (var k = start; k < end; k++)
                {
                    var r = order[k];
                    batchWeight += weights[r];
                    parameters.Backward(x.AsSpan(r * width, width), labels[r], weights[r], gradient);
                }

                gradient.Scale(1 / Math.Max(1e-12, batchWeight));
                gradient.AddL2(parameters, l2);
                adam.Step(parameters.Values, gradient.Values);
            }

            var loss = 0.0;
            var totalWeight = 0.0;
            for (var r = trainCount; r < n; r++)
            {
                var p = Math.Clamp(parameters.Probability(x.AsSpan(r * width, width)), 1e-12, 1 - 1e-12);
                loss -= weights[r] * (labels[r] ? Math.Log(p) : Math.Log(1 - p));
                totalWeight += weights[r];
            }

            loss /= Math.Max(1e-12, totalWeight);
            if (loss < bestLoss - 1e-6)
            {
                (bestLoss, best, sinceBest) = (loss, parameters.Clone(), 0);
            }
            else
            {
                sinceBest++;
            }
        }

        return best.ToNetwork(mean, scale);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Softplus(double z) => z > 20 ? z : Math.Log(1 + Math.Exp(z));

    /// <summary>All trainable values in one array (W1, B1, Wa, Ba, Wb, Bb), so Adam and L2 treat them alike.</summary>
    private sealed class Parameters
    {
        private readonly int _inputs;
        private readonly int _hidden;

        public Parameters(int inputs, int hidden, Random? random)
        {
            (_inputs, _hidden) = (inputs, hidden);
            Values = new double[inputs * hidden + hidden + hidden + 1 + hidden * Shapes + Shapes];
            if (random is not null)
            {
                var limit1 = Math.Sqrt(6.0 / inputs);
                for (var i = 0; i < inputs * hidden; i++)
                {
                    Values[i] = (random.NextDouble() * 2 - 1) * limit1;
                }

                var limit2 = Math.Sqrt(6.0 / hidden);
                for (var i = 0; i < hidden; i++)
                {
                    Values[WaAt + i] = (random.NextDouble() * 2 - 1) * limit2 * 0.1;
                    for (var k = 0; k < Shapes; k++)
                    {
                        Values[WbAt + i * Shapes + k] = (random.NextDouble() * 2 - 1) * limit2 * 0.1;
                    }
                }

                Values[BaAt] = -2.5;
            }
        }

        public double[] Values { get; private init; }

        public int Count => Values.Length;

        public int Inputs => _inputs;

        public int Hidden => _hidden;

        public int B1At => _inputs * _hidden;

        public int WaAt => B1At + _hidden;

        public int BaAt => WaAt + _hidden;

        public int WbAt => BaAt + 1;

        public int BbAt => WbAt + _hidden * Shapes;

        public Parameters Clone() => new(_inputs, _hidden, null) { Values = (double[])Values.Clone() };

        public void Clear() => Array.Clear(Values);

        public void Scale(double factor)
        {
            for (var i = 0; i < Values.Length; i++)
            {
                Values[i] *= factor;
            }
        }

        /// <summary>Adds the L2 gradient of the weight matrices (not the biases).</summary>
        public void AddL2(Parameters of, double l2)
        {
            for (var i = 0; i < B1At; i++)
            {
                Values[i] += l2 * of.Values[i];
            }

            for (var i = WaAt; i < BaAt; i++)
            {
                Values[i] += l2 * of.Values[i];
            }

            for (var i = WbAt; i < BbAt; i++)
            {
                Values[i] += l2 * of.Values[i];
            }
        }

        public double Probability(ReadOnlySpan<float> x)
        {
            var h = new double[_hidden];
            return Sigmoid(Forward(x, h, new double[Shapes], new double[Shapes], new double[_hidden]));
        }

        /// <summary>Accumulates the gradient of weight·log-loss for one row into <paramref name="into"/>.</summary>
        public void Backward(ReadOnlySpan<float> x, bool label, double weight, Parameters into)
        {
            var h = new double[_hidden];
            var z = new double[_hidden];
            var s = new double[Shapes];
            var g = new double[Shapes];
            var logit = Forward(x, h, s, g, z);
            var dLogit = weight * (Sigmoid(logit) - (label ? 1 : 0));
            var gradient = into.Values;
            var dh = new double[_hidden];
            for (var j = 0; j < _hidden; j++)
            {
                gradient[WaAt + j] += dLogit * h[j];
                dh[j] += dLogit * Values[WaAt + j];
            }

            gradient[BaAt] += dLogit;
            for (var k = 0; k < Shapes; k++)
            {
                var dS = dLogit * g[k] * Sigmoid(s[k]);
                gradient[BbAt + k] += dS;
                for (var j = 0; j < _hidden; j++)
                {
                    gradient[WbAt + j * Shapes + k] += dS * h[j];
                    dh[j] += dS * Values[WbAt + j * Shapes + k];
                }
            }

            for (var j = 0; j < _hidden; j++)
            {
                if (z[j] <= 0)
                {
                    continue;
                }

                gradient[B1At + j] += dh[j];
                for (var i = 0; i < _inputs; i++)
                {
                    gradient[i * _hidden + j] += dh[j] * x[i];
                }
            }
        }

        private double Forward(ReadOnlySpan<float> x, double[] h, double[] s, double[] g, double[] z)
        {
            for (var j = 0; j < _hidden; j++)
            {
                var value = Values[B1At + j];
                for (var i = 0; i < _inputs; i++)
                {
                    value += x[i] * Values[i * _hidden + j];
                }

                z[j] = value;
                h[j] = Math.Max(0, value);
            }

            var (linear, concave, offered) = DiscountShapes(x[FeatureDefinition.DiscountColumn]);
            (g[0], g[1], g[2]) = (linear, concave, offered);
            var logit = Values[BaAt];
            for (var j = 0; j < _hidden; j++)
            {
                logit += Values[WaAt + j] * h[j];
            }

            for (var k = 0; k < Shapes; k++)
            {
                var value = Values[BbAt + k];
                for (var j = 0; j < _hidden; j++)
                {
                    value += Values[WbAt + j * Shapes + k] * h[j];
                }

                s[k] = value;
                logit += Softplus(value) * g[k];
            }

            return logit;
        }

        /// <summary>The network on raw inputs: W1' = W1/σ, B1' = B1 − Σᵢ W1ᵢ·μᵢ/σᵢ.</summary>
        public ResponseNetwork ToNetwork(double[] mean, double[] scale)
        {
            var folded = Clone();
            for (var j = 0; j < _hidden; j++)
            {
                for (var i = 0; i < _inputs; i++)
                {
                    folded.Values[i * _hidden + j] = Values[i * _hidden + j] / scale[i];
                    folded.Values[B1At + j] -= Values[i * _hidden + j] * mean[i] / scale[i];
                }
            }

            return new ResponseNetwork(folded);
        }
    }

    /// <summary>Adam with the usual moment decays.</summary>
    private sealed class Adam(int size, double learningRate)
    {
        private readonly double[] _m = new double[size];
        private readonly double[] _v = new double[size];
        private int _t;

        public void Step(double[] values, double[] gradient)
        {
            _t++;
            var correction1 = 1 - Math.Pow(0.9, _t);
            var correction2 = 1 - Math.Pow(0.999, _t);
            for (var i = 0; i < values.Length; i++)
            {
                _m[i] = 0.9 * _m[i] + 0.1 * gradient[i];
                _v[i] = 0.999 * _v[i] + 0.001 * gradient[i] * gradient[i];
                values[i] -= learningRate * (_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + 1e-8);
            }
        }
    }
}
