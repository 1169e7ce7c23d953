using System.Numerics.Tensors;
using OrleansPricing.Pricing.Features;
using static OrleansPricing.Pricing.Learning.Activations;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// The deep discount-response network: a trunk of ReLU layers (sizes in <see cref="NetworkShape"/>) over the columns
/// before the discount (customer, product, context) and an embedding of the quote's channel feeds two heads — a baseline
/// purchase logit a(x) and non-negative sensitivities b(x) = softplus(·) for the shapes of the discount
/// g(d) = (d, √d, 1[d &gt; 0], ln(1 + d/0.05)) and, when the shape names them, one step 1[d ≥ s] per discount level s
/// (<see cref="NetworkShape.Steps"/>) — so p(buy | x, d) = σ(a(x) + Σₖ bₖ(x)·gₖ(d)) rises with the discount by
/// construction, while who responds, and how soon, is learned from everything the customer did; the steps let that
/// rise take any monotone form across the levels, a different one for each customer. With a sequence encoder
/// (<see cref="NetworkShape.SequenceFilters"/> &gt; 0) the trunk also reads the customer's newest events
/// (<see cref="EventSequence"/>, appended to the feature row) through a 1-D convolution, ReLU and the mean over
/// positions. Trained on weighted log-loss (the caller's
/// weights: clipped inverse propensities, or none) with Adam, decoupled weight decay and early stopping on the most recent tenth of the rows; the vector
/// arithmetic runs on <see cref="TensorPrimitives"/> (SIMD). Inputs are standardized inside the first layer's weights.
/// </summary>
public sealed class ResponseNetwork : ICandidateModel
{
    /// <summary>The discount shapes every network has: d, √d, 1[d &gt; 0] and the diminishing one; steps come after them.</summary>
    public const int GenericShapes = 4;

    /// <summary>
    /// The bias a step's sensitivity starts from: softplus(−3) ≈ 0.05 on the logit scale, so a network with many steps
    /// starts nearly flat across the levels (at 0, each step would start at ln 2 and eight of them would add 5.5 at the
    /// deepest level before any data spoke). Measured (three trainings on each of five shop logs, judged by the truth):
    /// −3 captured 66.5% on the steep world and 75.7% on the first, −5 63.4% and 76.4%, −1 62.6% and 71.4%.
    /// </summary>
    private const double StepBiasStart = -3;

    /// <summary>A step counts a discount as reaching its level within this much, as the ONNX graph does (float grids).</summary>
    public const double StepTolerance = 1e-6;

    /// <summary>The scale of the diminishing shape ln(1 + d/scale): a discount of one 5-point grid step raises it by ln 2.</summary>
    public const double DiminishingScale = 0.05;

    /// <summary>The channels the embedding knows, by index: web, app, email (the row's one-hot channel columns).</summary>
    public const int Channels = 3;

    private static readonly int AppColumn = FeatureDefinition.IndexOf("channel_app");
    private static readonly int EmailColumn = FeatureDefinition.IndexOf("channel_email");

    private readonly Layout _layout;
    private readonly double[] _values;

    private ResponseNetwork(Layout layout, double[] values) => (_layout, _values) = (layout, values);

    public string Kind => ModelKinds.ResponseNetwork;

    public NetworkShape Shape => _layout.Shape;

    /// <summary>The columns the trunk reads: every column before the discount.</summary>
    public static int Inputs => FeatureDefinition.DiscountColumn;

    public int ParameterCount => _values.Length;

    /// <summary>The width of the rows it reads: the feature row, then the event sequence when it has an encoder.</summary>
    public int RowWidth => RowWidthOf(_layout.Shape);

    public static int RowWidthOf(NetworkShape shape) => FeatureDefinition.Count + (shape.SequenceFilters > 0 ? EventSequence.Width : 0);

    /// <summary>The channel embedding, row-major [<see cref="Channels"/>, embedding width].</summary>
    public double[] Embedding => _values[.._layout.ConvAt];

    /// <summary>The sequence encoder's filters row-major [filters, <see cref="EventSequence.Channels"/>, kernel] and biases [filters] (empty without one).</summary>
    public (double[] Weights, double[] Bias) Convolution => (_values[_layout.ConvAt.._layout.ConvBiasAt], _values[_layout.ConvBiasAt.._layout.Trunk.Offset]);

    /// <summary>Hidden layer <paramref name="layer"/>: weights row-major [in, out] (the first layer's standardization folded in) and bias [out].</summary>
    public (double[] Weights, double[] Bias, int In, int Out) Layer(int layer)
    {
        var (at, input, output) = (_layout.Trunk.LayerAt(layer), _layout.Trunk.LayerInput(layer), _layout.Shape.Layers[layer]);
        return (_values[at..(at + input * output)], _values[(at + input * output)..(at + input * output + output)], input, output);
    }

    /// <summary>Baseline head [last width] and its bias.</summary>
    public (double[] Weights, double Bias) Baseline => (_values[_layout.BaselineAt..(_layout.BaselineAt + _layout.Last)], _values[_layout.BaselineAt + _layout.Last]);

    /// <summary>Sensitivity head row-major [last width, <see cref="NetworkShape.DiscountShapes"/>] and its bias [that many].</summary>
    public (double[] Weights, double[] Bias) Sensitivity
    {
        get
        {
            var shapes = _layout.Shapes;
            var weights = new double[_layout.Last * shapes];
            for (var k = 0; k < shapes; k++)
            {
                for (var j = 0; j < _layout.Last; j++)
                {
                    weights[j * shapes + k] = _values[_layout.SensitivityAt + k * _layout.Last + j];
                }
            }

            return (weights, _values[_layout.SensitivityBiasAt..(_layout.SensitivityBiasAt + shapes)]);
        }
    }

    /// <summary>
    /// The shapes of the discount the sensitivities weigh, each rising with it: d, √d, 1[d &gt; 0] and
    /// ln(1 + d/<see cref="DiminishingScale"/>), then 1[d ≥ s] for each of <paramref name="steps"/>. The diminishing
    /// shape lets a response flatten out at deep discounts as soon as a customer's does: with non-negative weights, d and
    /// √d alone cannot, and the network overrated deep discounts. The steps let it rise late and steeply — a bargain
    /// hunter who ignores 10% and buys at 25% — which no weighting of the four smooth shapes can (judged by the shop
    /// simulation's true response; docs/learning.md).
    /// </summary>
    public static void DiscountShapes(double discount, ReadOnlySpan<double> steps, Span<double> shapes)
    {
        (shapes[0], shapes[1], shapes[2], shapes[3]) = (discount, Math.Sqrt(Math.Max(0, discount)), discount > 0 ? 1 : 0, Diminishing(discount));
        for (var k = 0; k < steps.Length; k++)
        {
            shapes[GenericShapes + k] = discount >= steps[k] - StepTolerance ? 1 : 0;
        }
    }

    /// <summary>The diminishing shape ln(1 + d/<see cref="DiminishingScale"/>), which the interaction model uses too, scaled.</summary>
    public static double Diminishing(double discount) => Math.Log(1 + (Math.Max(0, discount) / DiminishingScale));

    /// <summary>The embedding row of a feature row: app + 2·email clipped to [0, 2] (0 web, 1 app, 2 email), as the ONNX graph computes it.</summary>
    public static int ChannelOf(ReadOnlySpan<float> row) => (int)Math.Clamp(row[AppColumn] + 2 * row[EmailColumn], 0, Channels - 1);

    public float[] Predict(float[] rows, int count)
    {
        var width = RowWidth;
        var work = new Workspace(_layout);
        var probabilities = new float[count];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            Load(row, work.Inputs, work.Sequence);
            probabilities[r] = (float)Sigmoid(Forward(_layout, _values, work.Inputs, ChannelOf(row), row[FeatureDefinition.DiscountColumn], work.Sequence, work));
        }

        return probabilities;
    }

    /// <summary>
    /// Trains on weighted rows by Adam on mini-batches (seeded), with decoupled weight decay on the weights and early
    /// stopping on the most recent tenth of the rows (time order), keeping the parameters of the best validation loss.
    /// </summary>
    /// <param name="cancellationToken">Checked before each mini-batch, so a cancelled training stops within milliseconds.</param>
    public static ResponseNetwork Train(
        float[] rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, int seed, NetworkShape? shape = null, int epochs = 40,
        int batch = 128, double learningRate = 0.001, double weightDecay = 1e-4, int patience = 5, CancellationToken cancellationToken = default)
    {
        var layout = new Layout(shape ?? NetworkShape.Default);
        var width = RowWidthOf(layout.Shape);
        var sequenceWidth = width - FeatureDefinition.Count;
        var n = labels.Count;
        var validation = Math.Max(1, n / 10);
        var trainCount = n - validation;
        var (mean, scale) = Standardization(rows, width, trainCount);
        var x = new double[n * Inputs];
        var sequences = new double[n * sequenceWidth];
        var channels = new int[n];
        var discounts = new double[n];
        for (var r = 0; r < n; r++)
        {
            var row = rows.AsSpan(r * width, width);
            for (var i = 0; i < Inputs; i++)
            {
                x[r * Inputs + i] = (row[i] - mean[i]) / scale[i];
            }

            for (var i = 0; i < sequenceWidth; i++)
            {
                sequences[r * sequenceWidth + i] = row[FeatureDefinition.Count + i];
            }

            channels[r] = ChannelOf(row);
            discounts[r] = row[FeatureDefinition.DiscountColumn];
        }

        var random = new Random(seed);
        var values = Initialize(layout, random);
        var gradient = new double[values.Length];
        var adam = new AdamW(values.Length, learningRate, weightDecay);
        var decays = layout.DecayMask();
        var work = new Workspace(layout);
        var best = (double[])values.Clone();
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        var order = Enumerable.Range(0, trainCount).ToArray();
        for (var epoch = 0; epoch < epochs && sinceBest < patience; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < trainCount; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Array.Clear(gradient);
                var end = Math.Min(trainCount, start + batch);
                var batchWeight = 0.0;
                for (var k = start; k < end; k++)
                {
                    var r = order[k];
                    batchWeight += weights[r];
                    Backward(layout, values, x.AsSpan(r * Inputs, Inputs), channels[r], discounts[r], sequences.AsSpan(r * sequenceWidth, sequenceWidth), labels[r], weights[r], gradient, work);
                }

                TensorPrimitives.Multiply(gradient, 1 / Math.Max(1e-12, batchWeight), gradient);
                adam.Step(values, gradient, decays);
            }

            var loss = 0.0;
            var totalWeight = 0.0;
            for (var r = trainCount; r < n; r++)
            {
                var p = Math.Clamp(Sigmoid(Forward(layout, values, x.AsSpan(r * Inputs, Inputs), channels[r], discounts[r], sequences.AsSpan(r * sequenceWidth, sequenceWidth), work)), 1e-12, 1 - 1e-12);
                loss -= weights[r] * (labels[r] ? Math.Log(p) : Math.Log(1 - p));
                totalWeight += weights[r];
            }

            loss /= Math.Max(1e-12, totalWeight);
            if (loss < bestLoss - 1e-6)
            {
                (bestLoss, sinceBest) = (loss, 0);
                values.CopyTo(best, 0);
            }
            else
            {
                sinceBest++;
            }
        }

        return new ResponseNetwork(layout, Fold(layout, best, mean, scale));
    }

    /// <summary>Weighted log-loss of raw rows and its gradient by backpropagation, for the gradient check.</summary>
    internal static (double Loss, double[] Gradient) LossAndGradient(
        NetworkShape shape, double[] values, float[] rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights)
    {
        var layout = new Layout(shape);
        var work = new Workspace(layout);
        var gradient = new double[values.Length];
        var loss = 0.0;
        var width = RowWidthOf(shape);
        for (var r = 0; r < labels.Count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            Load(row, work.Inputs, work.Sequence);
            var (input, sequence) = (work.Inputs.ToArray(), work.Sequence.ToArray());
            var discount = row[FeatureDefinition.DiscountColumn];
            var logit = Forward(layout, values, input, ChannelOf(row), discount, sequence, work);
            loss += weights[r] * (labels[r] ? Softplus(-logit) : Softplus(logit));
            Backward(layout, values, input, ChannelOf(row), discount, sequence, labels[r], weights[r], gradient, work);
        }

        return (loss, gradient);
    }

    /// <summary>Freshly initialized parameters of <paramref name="shape"/>, for the gradient check.</summary>
    internal static double[] Initialize(NetworkShape shape, int seed) => Initialize(new Layout(shape), new Random(seed));

    private static double[] Initialize(Layout layout, Random random)
    {
        var values = new double[layout.Count];
        for (var i = 0; i < layout.ConvAt; i++)
        {
            values[i] = (random.NextDouble() * 2 - 1) * 0.1;
        }

        var convLimit = Math.Sqrt(6.0 / (EventSequence.Channels * layout.Shape.SequenceKernel));
        for (var i = layout.ConvAt; i < layout.ConvBiasAt; i++)
        {
            values[i] = (random.NextDouble() * 2 - 1) * convLimit;
        }

        layout.Trunk.Initialize(values, random);
        var headLimit = 0.1 * Math.Sqrt(6.0 / layout.Last);
        for (var j = 0; j < layout.Last; j++)
        {
            values[layout.BaselineAt + j] = (random.NextDouble() * 2 - 1) * headLimit;
            for (var k = 0; k < layout.Shapes; k++)
            {
                values[layout.SensitivityAt + k * layout.Last + j] = (random.NextDouble() * 2 - 1) * headLimit;
            }
        }

        values[layout.BaselineAt + layout.Last] = -2.5;
        values.AsSpan(layout.SensitivityBiasAt + GenericShapes, layout.Shapes - GenericShapes).Fill(StepBiasStart);
        return values;
    }

    private static (double[] Mean, double[] Scale) Standardization(float[] rows, int width, int count)
    {
        var mean = new double[Inputs];
        var scale = new double[Inputs];
        for (var r = 0; r < count; r++)
        {
            for (var i = 0; i < Inputs; i++)
            {
                mean[i] += rows[r * width + i];
            }
        }

        for (var i = 0; i < Inputs; i++)
        {
            mean[i] /= Math.Max(1, count);
        }

        for (var r = 0; r < count; r++)
        {
            for (var i = 0; i < Inputs; i++)
            {
                var d = rows[r * width + i] - mean[i];
                scale[i] += d * d;
            }
        }

        for (var i = 0; i < Inputs; i++)
        {
            scale[i] = Math.Sqrt(scale[i] / Math.Max(1, count)) is var sd && sd > 1e-9 ? sd : 1;
        }

        return (mean, scale);
    }

    /// <summary>The first layer on raw inputs: W' = W/σ (input rows), b' = b − Σᵢ Wᵢ·μᵢ/σᵢ.</summary>
    private static double[] Fold(Layout layout, double[] values, double[] mean, double[] scale)
    {
        var folded = (double[])values.Clone();
        var (at, output) = (layout.Trunk.LayerAt(0), layout.Shape.Layers[0]);
        var bias = folded.AsSpan(at + layout.Trunk.InputWidth * output, output);
        for (var i = 0; i < Inputs; i++)
        {
            var row = folded.AsSpan(at + i * output, output);
            TensorPrimitives.Multiply(row, 1 / scale[i], row);
            TensorPrimitives.MultiplyAdd(row, -mean[i], bias, bias);
        }

        return folded;
    }

    private static void Load(ReadOnlySpan<float> row, Span<double> inputs, Span<double> sequence)
    {
        for (var i = 0; i < Inputs; i++)
        {
            inputs[i] = row[i];
        }

        for (var i = 0; i < sequence.Length; i++)
        {
            sequence[i] = row[FeatureDefinition.Count + i];
        }
    }

    /// <summary>The encoder: each filter's ReLU convolution over the positions, averaged (pre-activations kept for the backward pass).</summary>
    private static void Encode(Layout layout, double[] values, ReadOnlySpan<double> sequence, double[] preActivations, Span<double> pooled)
    {
        var (kernel, positions) = (layout.Shape.SequenceKernel, layout.Positions);
        for (var f = 0; f < layout.Filters; f++)
        {
            var sum = 0.0;
            for (var t = 0; t < positions; t++)
            {
                var z = values[layout.ConvBiasAt + f];
                for (var c = 0; c < EventSequence.Channels; c++)
                {
                    z += TensorPrimitives.Dot(
                        values.AsSpan(layout.ConvAt + (f * EventSequence.Channels + c) * kernel, kernel), sequence.Slice(c * EventSequence.Length + t, kernel));
                }

                preActivations[f * positions + t] = z;
                sum += Math.Max(0, z);
            }

            pooled[f] = sum / positions;
        }
    }

    /// <returns>The logit; the workspace keeps what <see cref="Backward"/> needs.</returns>
    private static double Forward(
        Layout layout, double[] values, ReadOnlySpan<double> x, int channel, double discount, ReadOnlySpan<double> sequence, Workspace work)
    {
        var embedding = layout.Shape.EmbeddingWidth;
        x.CopyTo(work.TrunkInput);
        values.AsSpan(channel * embedding, embedding).CopyTo(work.TrunkInput.AsSpan(Inputs));
        if (layout.Filters > 0)
        {
            Encode(layout, values, sequence, work.Convolution, work.TrunkInput.AsSpan(Inputs + embedding, layout.Filters));
        }

        var last = layout.Trunk.Forward(values, work.TrunkInput, work.Trunk);
        DiscountShapes(discount, layout.Steps, work.Shapes);
        var logit = values[layout.BaselineAt + layout.Last] + TensorPrimitives.Dot(values.AsSpan(layout.BaselineAt, layout.Last), last);
        for (var k = 0; k < layout.Shapes; k++)
        {
            work.Sensitivities[k] = values[layout.SensitivityBiasAt + k] + TensorPrimitives.Dot(values.AsSpan(layout.SensitivityAt + k * layout.Last, layout.Last), last);
            logit += Softplus(work.Sensitivities[k]) * work.Shapes[k];
        }

        return logit;
    }

    /// <summary>Adds the gradient of weight·log-loss for one row to <paramref name="gradient"/>.</summary>
    private static void Backward(
        Layout layout, double[] values, ReadOnlySpan<double> x, int channel, double discount, ReadOnlySpan<double> sequence, bool label,
        double weight, double[] gradient, Workspace work)
    {
        var logit = Forward(layout, values, x, channel, discount, sequence, work);
        var dLogit = weight * (Sigmoid(logit) - (label ? 1 : 0));
        var last = work.Trunk.Output;
        var dh = work.Trunk.OutputDelta;
        TensorPrimitives.Multiply(values.AsSpan(layout.BaselineAt, layout.Last), dLogit, dh);
        var baseline = gradient.AsSpan(layout.BaselineAt, layout.Last);
        TensorPrimitives.MultiplyAdd(last, dLogit, baseline, baseline);
        gradient[layout.BaselineAt + layout.Last] += dLogit;
        for (var k = 0; k < layout.Shapes; k++)
        {
            var dS = dLogit * work.Shapes[k] * Sigmoid(work.Sensitivities[k]);
            if (dS == 0)
            {
                continue;
            }

            gradient[layout.SensitivityBiasAt + k] += dS;
            var head = gradient.AsSpan(layout.SensitivityAt + k * layout.Last, layout.Last);
            TensorPrimitives.MultiplyAdd(last, dS, head, head);
            TensorPrimitives.MultiplyAdd(values.AsSpan(layout.SensitivityAt + k * layout.Last, layout.Last), dS, dh, dh);
        }

        // Only the embedding and the encoder, after the data inputs, take a gradient below the trunk.
        layout.Trunk.Backward(values, gradient, work.Trunk, inputGradientFrom: Inputs);
        var embedding = layout.Shape.EmbeddingWidth;
        var rowGradient = gradient.AsSpan(channel * embedding, embedding);
        TensorPrimitives.Add(rowGradient, work.Trunk.InputDelta.AsSpan(Inputs, embedding), rowGradient);
        var (kernel, positions) = (layout.Shape.SequenceKernel, layout.Positions);
        for (var f = 0; f < layout.Filters; f++)
        {
            var dPooled = work.Trunk.InputDelta[Inputs + embedding + f] / positions;
            for (var t = 0; t < positions; t++)
            {
                if (dPooled == 0 || work.Convolution[f * positions + t] <= 0)
                {
                    continue;
                }

                gradient[layout.ConvBiasAt + f] += dPooled;
                for (var c = 0; c < EventSequence.Channels; c++)
                {
                    var filter = gradient.AsSpan(layout.ConvAt + (f * EventSequence.Channels + c) * kernel, kernel);
                    TensorPrimitives.MultiplyAdd(sequence.Slice(c * EventSequence.Length + t, kernel), dPooled, filter, filter);
                }
            }
        }
    }

    /// <summary>Where each part lives in the one parameter array: the embedding, the encoder's filters, the trunk, then the heads.</summary>
    private sealed class Layout
    {
        public Layout(NetworkShape shape)
        {
            if (shape.EmbeddingWidth < 1 || shape.SequenceFilters < 0
                || (shape.SequenceFilters > 0 && shape.SequenceKernel is < 1 or > EventSequence.Length))
            {
                throw new ArgumentException(
                    $"A network needs at least one hidden layer, positive widths and an encoder kernel of 1 to {EventSequence.Length} events; got {shape}.", nameof(shape));
            }

            // An array: the steps are read for every row trained and scored.
            Steps = [.. shape.Steps ?? []];
            if (Steps.Where((step, k) => step is <= 0 or > 1 || (k > 0 && step <= Steps[k - 1])).Any())
            {
                throw new ArgumentException($"A network's discount steps must rise strictly within (0, 1]; got {string.Join(", ", Steps)}.", nameof(shape));
            }

            Shape = shape;
            Shapes = shape.DiscountShapes;
            Filters = shape.SequenceFilters;
            Positions = EventSequence.Length - shape.SequenceKernel + 1;
            ConvAt = Channels * shape.EmbeddingWidth;
            ConvBiasAt = ConvAt + Filters * EventSequence.Channels * shape.SequenceKernel;
            Trunk = new ReluStack(Inputs + shape.EmbeddingWidth + Filters, shape.Layers, ConvBiasAt + Filters);
            Last = Trunk.OutputWidth;
            BaselineAt = Trunk.End;
            SensitivityAt = BaselineAt + Last + 1;
            SensitivityBiasAt = SensitivityAt + Shapes * Last;
            Count = SensitivityBiasAt + Shapes;
        }

        public NetworkShape Shape { get; }

        public double[] Steps { get; }

        public int Shapes { get; }

        public int Filters { get; }

        /// <summary>Where each filter is applied: the window's first event, 0 to <see cref="EventSequence.Length"/> − kernel.</summary>
        public int Positions { get; }

        public int ConvAt { get; }

        public int ConvBiasAt { get; }

        public ReluStack Trunk { get; }

        public int Last { get; }

        public int BaselineAt { get; }

        public int SensitivityAt { get; }

        public int SensitivityBiasAt { get; }

        public int Count { get; }

        /// <summary>1 for weights (decayed), 0 for biases and the embedding.</summary>
        public double[] DecayMask()
        {
            var mask = new double[Count];
            mask.AsSpan(ConvAt, ConvBiasAt - ConvAt).Fill(1);
            Trunk.MarkWeights(mask);
            mask.AsSpan(BaselineAt, Last).Fill(1);
            mask.AsSpan(SensitivityAt, Shapes * Last).Fill(1);
            return mask;
        }
    }

    /// <summary>Per-row scratch space.</summary>
    private sealed class Workspace(Layout layout)
    {
        public double[] Inputs { get; } = new double[ResponseNetwork.Inputs];

        public double[] Sequence { get; } = new double[layout.Filters > 0 ? EventSequence.Width : 0];

        /// <summary>The encoder's pre-activations [filters, positions].</summary>
        public double[] Convolution { get; } = new double[layout.Filters * layout.Positions];

        public double[] TrunkInput { get; } = new double[layout.Trunk.InputWidth];

        public ReluStack.Workspace Trunk { get; } = layout.Trunk.NewWorkspace();

        public double[] Shapes { get; } = new double[layout.Shapes];

        public double[] Sensitivities { get; } = new double[layout.Shapes];
    }
}
