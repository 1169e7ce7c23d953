using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Export;

/// <summary>What a serving system needs to use an exported model correctly, and what it was judged on.</summary>
public sealed record ModelCard(
    string ModelId,
    string Version,
    string Kind,
    string Learner,
    string OnnxFile,
    ModelCardInput Input,
    IReadOnlyList<double> DiscountGrid,
    ModelCardTrainingData TrainingData,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    string? FeatureDefinition = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>The ONNX input tensor: its name, width, and each position's meaning and normalization.</summary>
public sealed record ModelCardInput(
    string TensorName,
    int Width,
    IReadOnlyList<string> FeatureOrder,
    IReadOnlyList<FeatureColumn> Normalization,
    string RowLayout);

public sealed record ModelCardTrainingData(string File, string Sha256, int Rows, int TrainRows, int TestRows);
