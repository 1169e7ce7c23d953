using System.Text.Json;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Models;

/// <summary>
/// Logistic purchase model: p = sigmoid(intercept + w · x) over the feature definition's row. Coefficients come from a
/// versioned JSON file; a file for another feature definition, or one that misses or adds a feature, is refused.
/// </summary>
public sealed class LogisticResponseModel : IResponseModel
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly double _intercept;
    private readonly double[] _weights;

    private LogisticResponseModel(ResponseModelInfo info, double intercept, double[] weights)
    {
        Info = info;
        _intercept = intercept;
        _weights = weights;
    }

    public ResponseModelInfo Info { get; }

    public double Intercept => _intercept;

    /// <summary>One weight per feature, in the order of <see cref="FeatureDefinition.Names"/>.</summary>
    public IReadOnlyList<double> Weights => _weights;

    public static LogisticResponseModel Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, path);
        }
        catch (IOException exception)
        {
            throw new InvalidModelException($"Cannot read model file '{path}': {exception.Message}", exception);
        }
    }

    public static LogisticResponseModel Parse(Stream json, string source)
    {
        LogisticModelFile? file;
        try
        {
            file = JsonSerializer.Deserialize<LogisticModelFile>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidModelException(
                $"Model file '{source}' is not valid JSON at {exception.Path} (line {exception.LineNumber + 1}): {exception.Message}",
                exception);
        }

        if (file is null)
        {
            throw new InvalidModelException($"Model file '{source}' is empty.");
        }

        return From(file, source);
    }

    /// <summary>Validates a model file's contents (feature definition, every coefficient finite and known) and builds the model.</summary>
    public static LogisticResponseModel From(LogisticModelFile file, string source)
    {
        var modelId = Require(file.ModelId, "modelId", source);
        var version = Require(file.Version, "version", source);
        var definition = Require(file.FeatureDefinition, "featureDefinition", source);
        if (definition != FeatureDefinition.Version)
        {
            throw new InvalidModelException(
                $"Model file '{source}' was built for feature definition '{definition}', this build serves '{FeatureDefinition.Version}'.");
        }

        if (file.Intercept is not { } intercept || !double.IsFinite(intercept))
        {
            throw new InvalidModelException($"Model file '{source}': 'intercept' is missing or not a finite number.");
        }

        var coefficients = file.Coefficients
            ?? throw new InvalidModelException($"Model file '{source}': 'coefficients' is missing.");
        var unknown = coefficients.Keys.Except(FeatureDefinition.Names, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidModelException(
                $"Model file '{source}': coefficients for unknown features: {string.Join(", ", unknown)}.");
        }

        var weights = new double[FeatureDefinition.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            var name = FeatureDefinition.Names[i];
            if (!coefficients.TryGetValue(name, out var weight))
            {
                throw new InvalidModelException($"Model file '{source}': no coefficient for feature '{name}'.");
            }

            if (!double.IsFinite(weight))
            {
                throw new InvalidModelException($"Model file '{source}': coefficient '{name}' is not a finite number.");
            }

            weights[i] = weight;
        }

        return new LogisticResponseModel(
            new ResponseModelInfo(modelId, version, "logistic", definition), intercept, weights);
    }

    public ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
    {
        var probabilities = new float[rows.Rows];
        for (var r = 0; r < rows.Rows; r++)
        {
            probabilities[r] = (float)Predict(rows.ReadRow(r));
        }

        return ValueTask.FromResult(probabilities);
    }

    public double Predict(ReadOnlySpan<float> row)
    {
        var z = _intercept;
        for (var i = 0; i < _weights.Length; i++)
        {
            z += _weights[i] * row[i];
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }

    private static string Require(string? value, string field, string source) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidModelException($"Model file '{source}': '{field}' is missing.")
            : value;
}
