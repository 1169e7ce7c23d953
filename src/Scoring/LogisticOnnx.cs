using System.Text.Json;
using Google.Protobuf;
using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Scoring;

/// <summary>
/// A logistic response model as an ONNX graph with standard operators only — Features [n, width] → MatMul(w) → Add(b)
/// → Sigmoid → Reshape → Probability [n] — so the scoring pool serves it like any other registered version.
/// </summary>
public static class LogisticOnnx
{
    public static byte[] Export(LogisticResponseModel model) =>
        Export(new LearnedModel(ModelKinds.Logistic, model.Intercept, model.Weights), model.Info.Name);

    /// <summary>Any model the cluster trained, as the ONNX graph the registry serves.</summary>
    public static byte[] Export(ICandidateModel model, string name) => model switch
    {
        LearnedModel logistic => Export(logistic, name),
        ResponseNetwork network => ResponseNetworkOnnx.Export(network, name),
        EnsembleModel ensemble => EnsembleOnnx.Export(ensemble, name),
        SegmentResponseModel segments => SegmentResponseOnnx.Export(segments, name),
        _ => throw new ArgumentException($"No ONNX export for model kind '{model.Kind}'.", nameof(model)),
    };

    /// <summary>
    /// A learned model; with interactions the graph first builds the squared action counters, the evidence counts, the
    /// discount shapes and their products with the row and those, and the reference terms (Slice, Gather, Exp, Sub, Div,
    /// Add, Log, Sign, Mul, Max, Clip, GreaterOrEqual, Cast, Relu, Concat), exactly as <see cref="LearnedModel.Expand"/> does.
    /// </summary>
    public static byte[] Export(LearnedModel model, string name)
    {
        var width = FeatureDefinition.Count;
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Tensor("Features", [null, width]));
        graph.Output.Add(Tensor("Probability", [null]));
        var input = "Features";
        if (model.Kind == ModelKinds.LogisticInteractions)
        {
            // [x, q, s, s·x for the columns before the discount, s·q, for s in (d, ln(1 + d/scale)/ln(1 + 1/scale), 1[d > 0])]
            // with q the squared action counters and the evidence counts, as LearnedModel.Expand builds it; Sign(d) is
            // 1[d > 0] for d ≥ 0.
            graph.Initializer.Add(Longs("interacted_from", 0));
            graph.Initializer.Add(Longs("interacted_to", LearnedModel.InteractedColumns));
            graph.Initializer.Add(Longs("squared_columns", [.. LearnedModel.SquaredColumns.Select(column => (long)column)]));
            graph.Initializer.Add(Longs("columns", 1));
            AddColumn(graph, "Features", LearnedModel.DiscountColumn, "linear");
            graph.Node.Add(Node("Slice", ["Features", "interacted_from", "interacted_to", "columns"], "interacted"));
            var counters = Node("Gather", ["Features", "squared_columns"], "counters");
            counters.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(counters);
            graph.Node.Add(Node("Mul", ["counters", "counters"], "squares"));
            // The evidence counts: P = exp(frequency) − 1, ln(1 + P·s) and ln(1 + (P − P·s)), s the discounted share
            // ("one" comes with the diminishing shape's nodes).
            AddColumn(graph, "Features", LearnedModel.PurchasesColumn, "frequency");
            AddColumn(graph, "Features", FeatureDefinition.DiscountedShareColumn, "discounted_share");
            graph.Node.Add(Node("Exp", ["frequency"], "purchases_plus_one"));
            graph.Node.Add(Node("Sub", ["purchases_plus_one", "one"], "purchases"));
            graph.Node.Add(Node("Mul", ["purchases", "discounted_share"], "discounted_purchases"));
            graph.Node.Add(Node("Sub", ["purchases", "discounted_purchases"], "list_price_purchases"));
            graph.Node.Add(Node("Add", ["discounted_purchases", "one"], "discounted_plus_one"));
            graph.Node.Add(Node("Add", ["list_price_purchases", "one"], "list_price_plus_one"));
            graph.Node.Add(Node("Log", ["discounted_plus_one"], "discounted_evidence"));
            graph.Node.Add(Node("Log", ["list_price_plus_one"], "list_price_evidence"));
            var derived = Node("Concat", ["squares", "discounted_evidence", "list_price_evidence"], "derived");
            derived.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(derived);
            AddDiminishing(graph, "linear", "diminishing_unscaled");
            graph.Initializer.Add(Floats("diminishing_at_full", [1], [LearnedModel.DiminishingAtFull]));
            graph.Node.Add(Node("Div", ["diminishing_unscaled", "diminishing_at_full"], "diminishing"));
            graph.Node.Add(Node("Sign", ["linear"], "offered"));
            var parts = new List<string> { "Features", "derived" };
            foreach (var shape in new[] { "linear", "diminishing", "offered" })
            {
                graph.Node.Add(Node("Mul", ["interacted", shape], $"{shape}_times_features"));
                graph.Node.Add(Node("Mul", ["derived", shape], $"{shape}_times_derived"));
                parts.Add(shape);
                parts.Add($"{shape}_times_features");
                parts.Add($"{shape}_times_derived");
            }

            // The reference terms: r = clip(depth / max(share, floor), 0, max), then 1[d ≥ r − margin] and Relu(r − d)·Sign(d),
            // each times the discounted evidence (0 without a discounted purchase), as LearnedModel.Reference computes them.
            AddColumn(graph, "Features", FeatureDefinition.DiscountDepthColumn, "depth");
            graph.Initializer.Add(Floats("zero", [1], [0f]));
            graph.Initializer.Add(Floats("reference_margin", [1], [FeatureDefinition.UsualDepthMargin]));
            AddUsualDepth(graph, "discounted_share", "depth", "usual");
            graph.Node.Add(Node("Sub", ["usual", "reference_margin"], "usual_less_margin"));
            graph.Node.Add(Node("GreaterOrEqual", ["linear", "usual_less_margin"], "reaches_bool"));
            var cast = Node("Cast", ["reaches_bool"], "reaches_any");
            cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
            graph.Node.Add(cast);
            graph.Node.Add(Node("Mul", ["reaches_any", "discounted_evidence"], "reaches"));
            graph.Node.Add(Node("Sub", ["usual", "linear"], "short_raw"));
            graph.Node.Add(Node("Relu", ["short_raw"], "short_any"));
            graph.Node.Add(Node("Mul", ["short_any", "offered"], "shortfall_any"));
            graph.Node.Add(Node("Mul", ["shortfall_any", "discounted_evidence"], "shortfall"));
            parts.Add("reaches");
            parts.Add("shortfall");

            var concat = Node("Concat", [.. parts], "expanded");
            concat.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(concat);
            input = "expanded";
        }

        graph.Initializer.Add(Floats("weights", [model.Weights.Count, 1], model.Weights.Select(w => (float)w)));
        graph.Initializer.Add(Floats("intercept", [1], [(float)model.Intercept]));
        graph.Initializer.Add(Longs("flat", -1));
        graph.Node.Add(Node("MatMul", [input, "weights"], "logit_without_intercept"));
        graph.Node.Add(Node("Add", ["logit_without_intercept", "intercept"], "logit"));
        graph.Node.Add(Node("Sigmoid", ["logit"], "probability_column"));
        graph.Node.Add(Node("Reshape", ["probability_column", "flat"], "Probability"));

        return ModelBytes(graph);
    }

    /// <summary>The serialized model of <paramref name="graph"/>: every graph written here is ONNX IR 7, default opset 13.</summary>
    internal static byte[] ModelBytes(GraphProto graph)
    {
        var onnx = new ModelProto { IrVersion = 7, ProducerName = "OrleansPricing", Graph = graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return onnx.ToByteArray();
    }

    /// <summary>A one-dimensional int64 tensor (Slice bounds, Reshape shapes).</summary>
    internal static TensorProto Longs(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    /// <summary>The model card the registry checks (feature definition and order), for an exported logistic model.</summary>
    public static string Card(LogisticResponseModel model, string learner, IReadOnlyDictionary<string, double>? metrics = null) =>
        Card(model.Info.ModelId, model.Info.Version, ModelKinds.Logistic, learner, metrics);

    public static string Card(string modelId, string version, string kind, string learner, IReadOnlyDictionary<string, double>? metrics = null) =>
        JsonSerializer.Serialize(new
        {
            modelId,
            version,
            kind,
            learner,
            onnxFile = $"{modelId}-{version}.onnx",
            featureDefinition = FeatureDefinition.Version,
            input = new { name = "Features", width = FeatureDefinition.Count, featureOrder = FeatureDefinition.Names },
            metrics = metrics ?? new Dictionary<string, double>(),
            createdAt = DateTimeOffset.UnixEpoch,
        }, CardJson);

    private static readonly JsonSerializerOptions CardJson = new() { WriteIndented = true };

    internal static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>Column <paramref name="column"/> of <paramref name="input"/> as an [n, 1] tensor (Slice on axis 1; the graph's "columns" initializer holds the axis).</summary>
    internal static void AddColumn(GraphProto graph, string input, int column, string output)
    {
        graph.Initializer.Add(Longs($"{output}_from", column));
        graph.Initializer.Add(Longs($"{output}_to", column + 1));
        graph.Node.Add(Node("Slice", [input, $"{output}_from", $"{output}_to", "columns"], output));
    }

    /// <summary>
    /// <paramref name="output"/> = clip(<paramref name="depth"/> / max(<paramref name="share"/>, floor), 0, max), the usual
    /// depth as <see cref="FeatureDefinition.UsualDepth"/> computes it (Max, Div, Clip); the graph's "zero" initializer is
    /// the lower bound.
    /// </summary>
    internal static void AddUsualDepth(GraphProto graph, string share, string depth, string output)
    {
        graph.Initializer.Add(Floats("share_floor", [1], [FeatureDefinition.UsualDepthShareFloor]));
        graph.Initializer.Add(Floats("max_usual", [1], [FeatureDefinition.MaxUsualDepth]));
        graph.Node.Add(Node("Max", [share, "share_floor"], "share_at_least"));
        graph.Node.Add(Node("Div", [depth, "share_at_least"], "usual_raw"));
        graph.Node.Add(Node("Clip", ["usual_raw", "zero", "max_usual"], output));
    }

    /// <summary>
    /// <paramref name="output"/> = ln(1 + d/<see cref="ResponseNetwork.DiminishingScale"/>) of the discount column
    /// <paramref name="discount"/>, as <see cref="ResponseNetwork.Diminishing"/> computes it (Div, Add, Log).
    /// </summary>
    internal static void AddDiminishing(GraphProto graph, string discount, string output)
    {
        graph.Initializer.Add(Floats("one", [1], [1f]));
        graph.Initializer.Add(Floats("diminishing_scale", [1], [(float)ResponseNetwork.DiminishingScale]));
        graph.Node.Add(Node("Div", [discount, "diminishing_scale"], "in_steps"));
        graph.Node.Add(Node("Add", ["in_steps", "one"], "one_plus_steps"));
        graph.Node.Add(Node("Log", ["one_plus_steps"], output));
    }

    internal static TensorProto Floats(string name, long[] dims, IEnumerable<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    /// <summary>A float tensor value; a null dimension is the batch (any size).</summary>
    internal static ValueInfoProto Tensor(string name, int?[] dims)
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
