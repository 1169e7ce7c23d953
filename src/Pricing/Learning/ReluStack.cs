using System.Numerics.Tensors;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Dense ReLU layers over a slice of one parameter array — each layer's weights row-major [in, out], then its bias
/// [out] — with forward and backward passes on <see cref="TensorPrimitives"/>. The trunk of the networks trained here;
/// each network adds its own inputs and heads around it.
/// </summary>
public sealed class ReluStack
{
    private readonly int[] _layerAt;

    public ReluStack(int inputWidth, IReadOnlyList<int> layers, int offset)
    {
        if (inputWidth < 1 || layers.Count == 0 || layers.Any(width => width < 1))
        {
            throw new ArgumentException($"A network needs at least one hidden layer and positive widths; got {string.Join('×', layers)} over {inputWidth} inputs.", nameof(layers));
        }

        (InputWidth, Layers, Offset) = (inputWidth, layers, offset);
        _layerAt = new int[layers.Count];
        var at = offset;
        for (var l = 0; l < layers.Count; l++)
        {
            _layerAt[l] = at;
            at += LayerInput(l) * layers[l] + layers[l];
        }

        End = at;
    }

    public int InputWidth { get; }

    public IReadOnlyList<int> Layers { get; }

    public int Offset { get; }

    /// <summary>The first index after the stack's parameters.</summary>
    public int End { get; }

    public int OutputWidth => Layers[^1];

    public int LayerAt(int layer) => _layerAt[layer];

    public int LayerInput(int layer) => layer == 0 ? InputWidth : Layers[layer - 1];

    /// <summary>He-uniform weights, zero biases.</summary>
    public void Initialize(double[] values, Random random)
    {
        for (var l = 0; l < Layers.Count; l++)
        {
            var limit = Math.Sqrt(6.0 / LayerInput(l));
            for (var i = 0; i < LayerInput(l) * Layers[l]; i++)
            {
                values[_layerAt[l] + i] = (random.NextDouble() * 2 - 1) * limit;
            }
        }
    }

    /// <summary>Marks the weights (not the biases) for weight decay.</summary>
    public void MarkWeights(double[] mask)
    {
        for (var l = 0; l < Layers.Count; l++)
        {
            mask.AsSpan(_layerAt[l], LayerInput(l) * Layers[l]).Fill(1);
        }
    }

    /// <returns>The last layer's activations; the workspace keeps every layer's input and pre-activation.</returns>
    public double[] Forward(double[] values, ReadOnlySpan<double> input, Workspace work)
    {
        input.CopyTo(work.Activations[0]);
        for (var l = 0; l < Layers.Count; l++)
        {
            var (inWidth, outWidth, at) = (LayerInput(l), Layers[l], _layerAt[l]);
            var u = work.Activations[l];
            var z = work.PreActivations[l];
            values.AsSpan(at + inWidth * outWidth, outWidth).CopyTo(z);
            for (var i = 0; i < inWidth; i++)
            {
                if (u[i] != 0)
                {
                    TensorPrimitives.MultiplyAdd(values.AsSpan(at + i * outWidth, outWidth), u[i], z, z);
                }
            }

            TensorPrimitives.Max(z, 0d, work.Activations[l + 1]);
        }

        return work.Activations[^1];
    }

    /// <summary>
    /// From the gradient of the loss by the last activations (<see cref="Workspace.OutputDelta"/>, filled by the caller
    /// after <see cref="Forward"/>), adds the stack's parameter gradients to <paramref name="gradient"/> and leaves the
    /// gradient by the inputs from <paramref name="inputGradientFrom"/> on in <see cref="Workspace.InputDelta"/> (inputs
    /// before it are data, which need none).
    /// </summary>
    public void Backward(double[] values, double[] gradient, Workspace work, int inputGradientFrom)
    {
        for (var l = Layers.Count - 1; l >= 0; l--)
        {
            var (inWidth, outWidth, at) = (LayerInput(l), Layers[l], _layerAt[l]);
            var dz = work.Deltas[l + 1];
            var z = work.PreActivations[l];
            for (var j = 0; j < outWidth; j++)
            {
                if (z[j] <= 0)
                {
                    dz[j] = 0;
                }
            }

            var bias = gradient.AsSpan(at + inWidth * outWidth, outWidth);
            TensorPrimitives.Add(bias, dz, bias);
            var u = work.Activations[l];
            var du = work.Deltas[l];
            var from = l == 0 ? inputGradientFrom : 0;
            for (var i = 0; i < inWidth; i++)
            {
                if (u[i] != 0)
                {
                    var row = gradient.AsSpan(at + i * outWidth, outWidth);
                    TensorPrimitives.MultiplyAdd(dz, u[i], row, row);
                }

                du[i] = i >= from ? TensorPrimitives.Dot(values.AsSpan(at + i * outWidth, outWidth), dz) : 0;
            }
        }
    }

    public Workspace NewWorkspace() => new(this);

    /// <summary>Per-row scratch space: every layer's input (activations), pre-activation and delta.</summary>
    public sealed class Workspace
    {
        internal Workspace(ReluStack stack)
        {
            Activations = [new double[stack.InputWidth], .. stack.Layers.Select(width => new double[width])];
            PreActivations = [.. stack.Layers.Select(width => new double[width])];
            Deltas = [new double[stack.InputWidth], .. stack.Layers.Select(width => new double[width])];
        }

        internal double[][] Activations { get; }

        internal double[][] PreActivations { get; }

        internal double[][] Deltas { get; }

        /// <summary>The last layer's activations of the latest <see cref="Forward"/>.</summary>
        public double[] Output => Activations[^1];

        /// <summary>The gradient by the last layer's activations; the caller fills it before <see cref="Backward"/>.</summary>
        public double[] OutputDelta => Deltas[^1];

        /// <summary>The gradient by the inputs, after <see cref="Backward"/>.</summary>
        public double[] InputDelta => Deltas[0];
    }
}
