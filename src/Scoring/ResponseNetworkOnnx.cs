using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using static OrleansPricing.Scoring.LogisticOnnx;

namespace OrleansPricing.Scoring;

/// <summary>
/// The deep discount-response network as an ONNX graph of standard operators: x = the distinct rows of
/// Features[:, :discount] (Slice, Unique — a quote's rows of one SKU differ only from the discount on, so the trunk runs
/// once a SKU instead of once a level); the channel's index (Slice, Mul, Add,
/// Clip, Cast) picks its embedding (Gather), joined (Concat) to x; each hidden layer is MatMul,
/// Add, Relu; a baseline head (MatMul, Add) and a sensitivity head (MatMul, Add, Softplus), back to every row (Gather); the discount's shapes
/// (Slice, Sqrt, Sign, Div, Add, Log, and GreaterOrEqual, Cast for the steps; Concat) weighted by the sensitivities (Mul, ReduceSum) are added to the baseline → Sigmoid →
/// Probability [n]. A network with a sequence encoder reads its events from the same row, after the feature columns
/// (Slice, Reshape to [rows, channels, events], Conv, Relu, ReduceMean over the events), joined to the trunk's input;
/// its distinct rows are those of the columns before the discount and the events together.
/// </summary>
public static class ResponseNetworkOnnx
{
    /// <param name="distinctRows">
    /// Whether the trunk runs on the distinct rows only (the default); false runs it on every row, as graphs did before
    /// 2026-12-02 — the scoring benchmark's baseline for the saving.
    /// </param>
    public static byte[] Export(ResponseNetwork network, string name, bool distinctRows = true)
    {
        var width = network.RowWidth;
        var shape = network.Shape;
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Tensor("Features", [null, width]));
        graph.Output.Add(Tensor("Probability", [null]));
        graph.Initializer.Add(Longs("inputs_from", 0));
        graph.Initializer.Add(Longs("inputs_to", ResponseNetwork.Inputs));
        graph.Initializer.Add(Longs("columns", 1));
        graph.Initializer.Add(Longs("flat", -1));
        graph.Initializer.Add(Floats("two", [1], [2f]));
        graph.Initializer.Add(Floats("channel_min", [], [0f]));
        graph.Initializer.Add(Floats("channel_max", [], [ResponseNetwork.Channels - 1]));
        graph.Initializer.Add(Floats("embedding", [ResponseNetwork.Channels, shape.EmbeddingWidth], network.Embedding.Select(v => (float)v)));

        // The trunk reads only what comes before the discount (and the events): the rows of one SKU at every level are
        // one row to it. It runs on the distinct rows (Unique), and the heads' outputs go back to every row (Gather).
        graph.Node.Add(Node("Slice", ["Features", "inputs_from", "inputs_to", "columns"], "row_inputs"));
        if (shape.SequenceFilters > 0)
        {
            graph.Initializer.Add(Longs("events_from", FeatureDefinition.Count));
            graph.Initializer.Add(Longs("events_to", width));
            graph.Initializer.Add(Longs("unique_events_from", ResponseNetwork.Inputs));
            graph.Initializer.Add(Longs("unique_events_to", ResponseNetwork.Inputs + EventSequence.Width));
            graph.Node.Add(Node("Slice", ["Features", "events_from", "events_to", "columns"], "row_events"));
            graph.Node.Add(Concat(["row_inputs", "row_events"], "row_trunk"));
            AddUnique(graph, "row_trunk", "trunk_rows", distinctRows);
            graph.Node.Add(Node("Slice", ["trunk_rows", "inputs_from", "inputs_to", "columns"], "x"));
            graph.Node.Add(Node("Slice", ["trunk_rows", "unique_events_from", "unique_events_to", "columns"], "events_flat"));
        }
        else
        {
            AddUnique(graph, "row_inputs", "x", distinctRows);
        }

        AddColumn(graph, "x", FeatureDefinition.IndexOf("channel_app"), "app");
        AddColumn(graph, "x", FeatureDefinition.IndexOf("channel_email"), "email");
        graph.Node.Add(Node("Mul", ["email", "two"], "email_twice"));
        graph.Node.Add(Node("Add", ["app", "email_twice"], "channel_sum"));
        graph.Node.Add(Node("Clip", ["channel_sum", "channel_min", "channel_max"], "channel_clipped"));
        var cast = Node("Cast", ["channel_clipped"], "channel_column");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Int64 });
        graph.Node.Add(cast);
        graph.Node.Add(Node("Reshape", ["channel_column", "flat"], "channel"));
        graph.Node.Add(Node("Gather", ["embedding", "channel"], "channel_embedding"));
        if (shape.SequenceFilters > 0)
        {
            var (filters, biases) = network.Convolution;
            graph.Initializer.Add(Longs("events_shape", -1, EventSequence.Channels, EventSequence.Length));
            graph.Initializer.Add(Floats("conv_w", [shape.SequenceFilters, EventSequence.Channels, shape.SequenceKernel], filters.Select(v => (float)v)));
            graph.Initializer.Add(Floats("conv_b", [shape.SequenceFilters], biases.Select(v => (float)v)));
            graph.Node.Add(Node("Reshape", ["events_flat", "events_shape"], "events"));
            graph.Node.Add(Node("Conv", ["events", "conv_w", "conv_b"], "events_convolved"));
            graph.Node.Add(Node("Relu", ["events_convolved"], "events_relu"));
            var pool = Node("ReduceMean", ["events_relu"], "events_encoded");
            pool.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2 } });
            pool.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
            graph.Node.Add(pool);
            graph.Node.Add(Concat(["x", "channel_embedding", "events_encoded"], "layer_0_input"));
        }
        else
        {
            graph.Node.Add(Concat(["x", "channel_embedding"], "layer_0_input"));
        }

        var input = "layer_0_input";
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var (weights, bias, inWidth, outWidth) = network.Layer(l);
            graph.Initializer.Add(Floats($"w{l}", [inWidth, outWidth], weights.Select(v => (float)v)));
            graph.Initializer.Add(Floats($"b{l}", [outWidth], bias.Select(v => (float)v)));
            graph.Node.Add(Node("MatMul", [input, $"w{l}"], $"layer_{l}_linear"));
            graph.Node.Add(Node("Add", [$"layer_{l}_linear", $"b{l}"], $"layer_{l}_biased"));
            graph.Node.Add(Node("Relu", [$"layer_{l}_biased"], $"layer_{l}"));
            input = $"layer_{l}";
        }

        var last = shape.Layers[^1];
        var (baselineWeights, baselineBias) = network.Baseline;
        var (sensitivityWeights, sensitivityBias) = network.Sensitivity;
        graph.Initializer.Add(Floats("wa", [last, 1], baselineWeights.Select(v => (float)v)));
        graph.Initializer.Add(Floats("ba", [1], [(float)baselineBias]));
        graph.Initializer.Add(Floats("wb", [last, network.Shape.DiscountShapes], sensitivityWeights.Select(v => (float)v)));
        graph.Initializer.Add(Floats("bb", [network.Shape.DiscountShapes], sensitivityBias.Select(v => (float)v)));
        graph.Node.Add(Node("MatMul", [input, "wa"], "baseline_linear"));
        graph.Node.Add(Node("Add", ["baseline_linear", "ba"], "distinct_baseline"));
        graph.Node.Add(Node("MatMul", [input, "wb"], "sensitivity_linear"));
        graph.Node.Add(Node("Add", ["sensitivity_linear", "bb"], "sensitivity_biased"));
        graph.Node.Add(Node("Softplus", ["sensitivity_biased"], "distinct_sensitivity"));
        graph.Node.Add(ToEveryRow("distinct_baseline", "baseline", distinctRows));
        graph.Node.Add(ToEveryRow("distinct_sensitivity", "sensitivity", distinctRows));
        AddColumn(graph, "Features", FeatureDefinition.DiscountColumn, "linear");
        graph.Node.Add(Node("Sqrt", ["linear"], "concave"));
        graph.Node.Add(Node("Sign", ["linear"], "offered"));
        AddDiminishing(graph, "linear", "diminishing");
        if (shape.Steps is { Count: > 0 } steps)
        {
            // 1[d ≥ s] for every step at once: [n, 1] against [steps] broadcasts to [n, steps].
            graph.Initializer.Add(Floats("step_at", [steps.Count], steps.Select(s => (float)(s - ResponseNetwork.StepTolerance))));
            graph.Node.Add(Node("GreaterOrEqual", ["linear", "step_at"], "stepped"));
            var stepCast = Node("Cast", ["stepped"], "steps");
            stepCast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
            graph.Node.Add(stepCast);
            graph.Node.Add(Concat(["linear", "concave", "offered", "diminishing", "steps"], "shapes"));
        }
        else
        {
            graph.Node.Add(Concat(["linear", "concave", "offered", "diminishing"], "shapes"));
        }
        graph.Node.Add(Node("Mul", ["sensitivity", "shapes"], "lift_terms"));
        graph.Node.Add(Node("ReduceSum", ["lift_terms", "columns"], "lift"));
        graph.Node.Add(Node("Add", ["baseline", "lift"], "logit"));
        graph.Node.Add(Node("Sigmoid", ["logit"], "probability_column"));
        graph.Node.Add(Node("Reshape", ["probability_column", "flat"], "Probability"));

        return ModelBytes(graph);
    }

    /// <summary>
    /// <paramref name="output"/> = the distinct rows of <paramref name="rows"/> (Unique on axis 0, in first-seen order)
    /// and "row_of" [n] = each row's index among them; or, not <paramref name="distinct"/>, every row (Identity).
    /// </summary>
    private static void AddUnique(GraphProto graph, string rows, string output, bool distinct)
    {
        if (!distinct)
        {
            graph.Node.Add(Node("Identity", [rows], output));
            return;
        }

        var unique = new NodeProto { OpType = "Unique", Name = $"{output}_unique", Input = { rows }, Output = { output, "", "row_of" } };
        unique.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        unique.Attribute.Add(new AttributeProto { Name = "sorted", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(unique);
    }

    /// <summary>The trunk's output for each row: gathered by "row_of" from the distinct rows' (see <see cref="AddUnique"/>), or as it is.</summary>
    private static NodeProto ToEveryRow(string distinctOutput, string output, bool distinct) =>
        distinct ? Node("Gather", [distinctOutput, "row_of"], output) : Node("Identity", [distinctOutput], output);

    private static NodeProto Concat(string[] inputs, string output)
    {
        var node = Node("Concat", inputs, output);
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return node;
    }
}
