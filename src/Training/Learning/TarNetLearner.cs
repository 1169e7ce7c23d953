using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using OrleansPricing.Pricing.Learning;
using static OrleansPricing.Pricing.Learning.Activations;
using OrleansPricing.Training.Export;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// The deep uplift learner (TARNet): a shared ReLU trunk over the customer's features feeds a control head and a treated
/// head, each a logit. A row trains only the head of the arm it was in (weighted so that both arms count alike), so the
/// trunk learns what predicts buying from everyone and the heads how the offer changes it. Adam with decoupled weight
/// decay on mini-batches, early stopping on a seeded tenth of the rows; the same trunk code as the serving network.
/// </summary>
public sealed class TarNetLearner : IUpliftModel
{
    public const string MetaLearner = "TARNet";

    private readonly Layout _layout;
    private readonly double[] _values;

    private TarNetLearner(LearnerSpec learner, Layout layout, double[] values) => (Learner, _layout, _values) = (learner, layout, values);

    public LearnerSpec Learner { get; }

    public string Name => $"{MetaLearner} {Learner.Name}";

    public static TarNetLearner Fit(LearnerSpec learner, IReadOnlyList<float[]> features, IReadOnlyList<bool> treated, IReadOnlyList<bool> outcome, int seed)
    {
        var layers = Enumerable.Repeat((int)learner.Hyperparameters["width"], (int)learner.Hyperparameters["depth"]).ToArray();
        var layout = new Layout(features[0].Length, layers);
        var n = features.Count;
        var treatedCount = treated.Count(t => t);
        var weights = treated.Select(t => n / (2.0 * (t ? treatedCount : n - treatedCount))).ToArray();
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var validation = order[..Math.Max(1, n / 10)];
        var training = order[validation.Length..];

        var values = Initialize(layout, random);
        var gradient = new double[values.Length];
        var adam = new AdamW(values.Length, learner.Hyperparameters["learningRate"], learner.Hyperparameters["weightDecay"]);
        var decays = layout.DecayMask();
        var work = new Workspace(layout);
        var best = (double[])values.Clone();
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        const int Batch = 64;
        for (var epoch = 0; epoch < 100 && sinceBest < 5; epoch++)
        {
            random.Shuffle(training);
            for (var start = 0; start < training.Length; start += Batch)
            {
                Array.Clear(gradient);
                var batchWeight = 0.0;
                foreach (var r in training.AsSpan(start, Math.Min(Batch, training.Length - start)))
                {
                    batchWeight += weights[r];
                    Backward(layout, values, features[r], treated[r], outcome[r], weights[r], gradient, work);
                }

                TensorPrimitives.Multiply(gradient, 1 / batchWeight, gradient);
                adam.Step(values, gradient, decays);
            }

            var loss = validation.Sum(r => weights[r] * LogLoss(Forward(layout, values, features[r], treated[r], work), outcome[r])) / validation.Sum(r => weights[r]);
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

        return new TarNetLearner(learner, layout, best);
    }

    public (double[] Treated, double[] Control) Predict(IReadOnlyList<float[]> features)
    {
        var work = new Workspace(_layout);
        var treated = new double[features.Count];
        var control = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            treated[i] = Sigmoid(Forward(_layout, _values, features[i], true, work));
            control[i] = Sigmoid(Forward(_layout, _values, features[i], false, work));
        }

        return (treated, control);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new Saved(_layout.Inputs, _layout.Trunk.Layers, _values), ModelCard.Json));

    public static TarNetLearner Load(string path, LearnerSpec learner)
    {
        var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), ModelCard.Json)
            ?? throw new InvalidOperationException($"{path} is empty.");
        var layout = new Layout(saved.Inputs, saved.Layers);
        return saved.Values.Length == layout.Count
            ? new TarNetLearner(learner, layout, saved.Values)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{path} holds {saved.Values.Length} parameters; a {string.Join('×', saved.Layers)} network over {saved.Inputs} inputs has {layout.Count}."));
    }

    /// <summary>Weighted log-loss of the rows under <paramref name="values"/> and its gradient by backpropagation, for the gradient check.</summary>
    internal static (double Loss, double[] Gradient) LossAndGradient(
        int inputs, IReadOnlyList<int> layers, double[] values, IReadOnlyList<float[]> features, IReadOnlyList<bool> treated, IReadOnlyList<bool> outcome, IReadOnlyList<double> weights)
    {
        var layout = new Layout(inputs, layers);
        var work = new Workspace(layout);
        var gradient = new double[values.Length];
        var loss = 0.0;
        for (var r = 0; r < features.Count; r++)
        {
            loss += weights[r] * LogLoss(Forward(layout, values, features[r], treated[r], work), outcome[r]);
            Backward(layout, values, features[r], treated[r], outcome[r], weights[r], gradient, work);
        }

        return (loss, gradient);
    }

    internal static double[] Initialize(int inputs, IReadOnlyList<int> layers, int seed) => Initialize(new Layout(inputs, layers), new Random(seed));

    private static double[] Initialize(Layout layout, Random random)
    {
        var values = new double[layout.Count];
        layout.Trunk.Initialize(values, random);
        var limit = 0.1 * Math.Sqrt(6.0 / layout.Last);
        for (var j = 0; j < layout.Last; j++)
        {
            values[layout.ControlAt + j] = (random.NextDouble() * 2 - 1) * limit;
            values[layout.TreatedAt + j] = (random.NextDouble() * 2 - 1) * limit;
        }

        values[layout.ControlAt + layout.Last] = values[layout.TreatedAt + layout.Last] = -2;
        return values;
    }

    private static double Forward(Layout layout, double[] values, float[] features, bool treated, Workspace work)
    {
        for (var i = 0; i < features.Length; i++)
        {
            work.Input[i] = features[i];
        }

        var last = layout.Trunk.Forward(values, work.Input, work.Trunk);
        var head = treated ? layout.TreatedAt : layout.ControlAt;
        return values[head + layout.Last] + TensorPrimitives.Dot(values.AsSpan(head, layout.Last), last);
    }

    private static void Backward(Layout layout, double[] values, float[] features, bool treated, bool label, double weight, double[] gradient, Workspace work)
    {
        var dLogit = weight * (Sigmoid(Forward(layout, values, features, treated, work)) - (label ? 1 : 0));
        var head = treated ? layout.TreatedAt : layout.ControlAt;
        TensorPrimitives.Multiply(values.AsSpan(head, layout.Last), dLogit, work.Trunk.OutputDelta);
        var headGradient = gradient.AsSpan(head, layout.Last);
        TensorPrimitives.MultiplyAdd(work.Trunk.Output, dLogit, headGradient, headGradient);
        gradient[head + layout.Last] += dLogit;
        layout.Trunk.Backward(values, gradient, work.Trunk, inputGradientFrom: layout.Inputs);
    }

    /// <summary>−log σ(logit) for a buyer, −log(1 − σ(logit)) otherwise.</summary>
    private static double LogLoss(double logit, bool label) => Softplus(label ? -logit : logit);

    private sealed record Saved(int Inputs, IReadOnlyList<int> Layers, double[] Values);

    /// <summary>The trunk first, then the control head [last width] and bias, then the treated head and bias.</summary>
    private sealed class Layout
    {
        public Layout(int inputs, IReadOnlyList<int> layers)
        {
            Inputs = inputs;
            Trunk = new ReluStack(inputs, layers, 0);
            Last = Trunk.OutputWidth;
            ControlAt = Trunk.End;
            TreatedAt = ControlAt + Last + 1;
            Count = TreatedAt + Last + 1;
        }

        public int Inputs { get; }

        public ReluStack Trunk { get; }

        public int Last { get; }

        public int ControlAt { get; }

        public int TreatedAt { get; }

        public int Count { get; }

        public double[] DecayMask()
        {
            var mask = new double[Count];
            Trunk.MarkWeights(mask);
            mask.AsSpan(ControlAt, Last).Fill(1);
            mask.AsSpan(TreatedAt, Last).Fill(1);
            return mask;
        }
    }

    private sealed class Workspace(Layout layout)
    {
        public double[] Input { get; } = new double[layout.Inputs];

        public ReluStack.Workspace Trunk { get; } = layout.Trunk.NewWorkspace();
    }
}
