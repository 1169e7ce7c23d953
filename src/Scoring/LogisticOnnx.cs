using System.Text.Json;
using Google.Protobuf;
using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Scoring;

/// <summary>
/// A logistic response model as an ONNX graph with standard operators only — Features [n, width] → MatMul(w) → Add(b)
/// → Sigmoid → Reshape → Probability [n] — so the scoring pool serves it like any other registered version.
/// </summary>
public static class LogisticOnnx
{
    public static byte[] Export(LogisticResponseModel model)
    {
        var width = FeatureDefinition.Count;
        var graph = new GraphProto { Name = $"{model.Info.ModelId}@{model.Info.Version}" };
        graph.Input.Add(Tensor("Features", [null, width]));
        graph.Output.Add(Tensor("Probability", [null]));
        graph.Initializer.Add(Floats("weights", [width, 1], model.Weights.Select(w => (float)w)));
        graph.Initializer.Add(Floats("intercept", [1], [(float)model.Intercept]));
        var flat = new TensorProto { Name = "flat", DataType = (int)TensorProto.Types.DataType.Int64 };
        flat.Dims.Add(1);
        flat.Int64Data.Add(-1);
        graph.Initializer.Add(flat);
        graph.Node.Add(Node("MatMul", ["Features", "weights"], "logit_without_intercept"));
        graph.Node.Add(Node("Add", ["logit_without_intercept", "intercept"], "logit"));
        graph.Node.Add(Node("Sigmoid", ["logit"], "probability_column"));
        graph.Node.Add(Node("Reshape", ["probability_column", "flat"], "Probability"));

        var onnx = new ModelProto { IrVersion = 7, ProducerName = "OrleansPricing", Graph = graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return onnx.ToByteArray();
    }

    /// <summary>The model card the registry checks (feature definition and order), for an exported logistic model.</summary>
    public static string Card(LogisticResponseModel model, string learner, IReadOnlyDictionary<string, double>? metrics = null) =>
        JsonSerializer.Serialize(new
        {
            modelId = model.Info.ModelId,
            version = model.Info.Version,
            kind = "logistic",
            learner,
            onnxFile = $"{model.Info.ModelId}-{model.Info.Version}.onnx",
            featureDefinition = FeatureDefinition.Version,
            input = new { name = "Features", width = FeatureDefinition.Count, featureOrder = FeatureDefinition.Names },
            metrics = metrics ?? new Dictionary<string, double>(),
            createdAt = DateTimeOffset.UnixEpoch,
        }, CardJson);

    private static readonly JsonSerializerOptions CardJson = new() { WriteIndented = true };

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Floats(string name, long[] dims, IEnumerable<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    /// <summary>A float tensor value; a null dimension is the batch (any size).</summary>
    private static ValueInfoProto Tensor(string name, int?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is { } value ? new TensorShapeProto.Types.Dimension { DimValue = value } : new TensorShapeProto.Types.Dimension { DimParam = "n" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
