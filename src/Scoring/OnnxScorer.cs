using Microsoft.ML.OnnxRuntime;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Scoring;

/// <summary>
/// One validated ONNX Runtime session over feature-definition rows: input <c>Features</c> [n, width of the feature definition] float, output the
/// purchase probability per row. Created only through <see cref="Load"/>, which refuses models with a wrong schema or
/// with non-finite or out-of-range outputs on a probe batch. <see cref="Score"/> is safe to call concurrently.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _featuresInput;
    private readonly string _probabilityOutput;
    private readonly string[] _otherInputs;
    private readonly RunOptions _runOptions = new();

    private OnnxScorer(InferenceSession session, string version, ExecutionProviderChoice provider)
    {
        _session = session;
        Version = version;
        Provider = provider;
        _featuresInput = session.InputMetadata.Keys.FirstOrDefault(name => name.StartsWith("Features", StringComparison.Ordinal))
            ?? throw new InvalidScoringModelException($"Model {version} has no 'Features' input; inputs: {string.Join(", ", session.InputMetadata.Keys)}.");
        var features = session.InputMetadata[_featuresInput];
        if (features.ElementType != typeof(float) || features.Dimensions.Length != 2 || features.Dimensions[1] != FeatureDefinition.Count)
        {
            throw new InvalidScoringModelException(
                $"Model {version}: input '{_featuresInput}' is {features.ElementType.Name}[{string.Join(", ", features.Dimensions)}], expected Single[-1, {FeatureDefinition.Count}] ({FeatureDefinition.Version}).");
        }

        _probabilityOutput = session.OutputMetadata.Keys.FirstOrDefault(name => name.StartsWith("Probability", StringComparison.Ordinal))
            ?? throw new InvalidScoringModelException($"Model {version} has no 'Probability' output; outputs: {string.Join(", ", session.OutputMetadata.Keys)}.");
        _otherInputs = session.InputMetadata.Keys.Where(name => name != _featuresInput).ToArray();
    }

    public string Version { get; }

    public ExecutionProviderChoice Provider { get; }

    /// <summary>Whether the model's distinct-rows trunk was rewritten to run on every row (<see cref="ScoringOptions.CudaTrunkOnEveryRow"/>).</summary>
    public bool TrunkOnEveryRow { get; private init; }

    /// <summary>Loads and validates a model; the probe scores a cold-start customer on a sample product at every grid level.</summary>
    public static OnnxScorer Load(byte[] model, string version, ScoringOptions options, Action<SessionOptions>? appendCuda = null)
    {
        var (sessionOptions, provider) = ExecutionProviderChoice.Create(options, appendCuda, model);
        var trunkOnEveryRow = provider.Provider == ExecutionProviderChoice.Cuda && options.CudaTrunkOnEveryRow;
        if (trunkOnEveryRow)
        {
            var rewritten = DistinctRowsGraph.ToEveryRow(model);
            trunkOnEveryRow = !ReferenceEquals(rewritten, model);
            model = rewritten;
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidScoringModelException($"Model {version} is not a loadable ONNX model: {exception.Message.Split('\n')[0]}", exception);
        }
        finally
        {
            sessionOptions.Dispose();
        }

        OnnxScorer? scorer = null;
        try
        {
            scorer = new OnnxScorer(session, version, provider) { TrunkOnEveryRow = trunkOnEveryRow };
            scorer.Probe();
            return scorer;
        }
        catch
        {
            if (scorer is null)
            {
                session.Dispose();
            }
            else
            {
                scorer.Dispose();
            }

            throw;
        }
    }

    /// <summary>Scores <paramref name="rowCount"/> rows laid out row-major in <paramref name="rows"/>.</summary>
    public float[] Score(float[] rows, int rowCount)
    {
        if (rowCount == 0)
        {
            return [];
        }

        using var features = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, rows.AsMemory(0, rowCount * FeatureDefinition.Count),
            [rowCount, FeatureDefinition.Count]);
        var inputs = new List<OrtValue> { features };
        try
        {
            // ML.NET exports keep the label as a graph input; it takes no part in scoring.
            foreach (var name in _otherInputs)
            {
                var metadata = _session.InputMetadata[name];
                inputs.Add(metadata.ElementType == typeof(bool)
                    ? OrtValue.CreateTensorValueFromMemory(new bool[rowCount], [rowCount, 1])
                    : OrtValue.CreateTensorValueFromMemory(new float[rowCount], [rowCount, 1]));
            }

            using var outputs = _session.Run(_runOptions, [_featuresInput, .. _otherInputs], inputs, [_probabilityOutput]);
            var probabilities = outputs[0].GetTensorDataAsSpan<float>();
            if (probabilities.Length != rowCount)
            {
                throw new InvalidScoringModelException($"Model {Version} returned {probabilities.Length} probabilities for {rowCount} rows.");
            }

            return probabilities.ToArray();
        }
        finally
        {
            foreach (var input in inputs.Skip(1))
            {
                input.Dispose();
            }
        }
    }

    private void Probe()
    {
        var grid = new PricingOptions().DiscountGrid;
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var customer = CustomerFeatureSnapshot.ColdStart(now);
        var product = new ProductFacts("PROBE", "probe", 50m, 20m, 30m, 0.3, 10, 1);
        var rows = new float[grid.Length * FeatureDefinition.Count];
        for (var level = 0; level < grid.Length; level++)
        {
            FeatureDefinition.Write(rows.AsSpan(level * FeatureDefinition.Count, FeatureDefinition.Count), customer, product, new QuoteContext(QuoteContext.Web, now), grid[level]);
        }

        float[] probabilities;
        try
        {
            probabilities = Score(rows, grid.Length);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidScoringModelException($"Model {Version} failed on the probe batch: {exception.Message.Split('\n')[0]}", exception);
        }

        var bad = Array.FindIndex(probabilities, p => !float.IsFinite(p) || p < 0 || p > 1);
        if (bad >= 0)
        {
            throw new InvalidScoringModelException(
                $"Model {Version} gives {probabilities[bad]} at discount {grid[bad]} on the probe batch; probabilities must be finite and in [0, 1].");
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
