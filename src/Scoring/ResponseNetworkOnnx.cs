using Google.Protobuf;
using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using static OrleansPricing.Scoring.LogisticOnnx;

namespace OrleansPricing.Scoring;

/// <summary>
/// The discount-response network as an ONNX graph of standard operators: x = Features[:, :discount] → MatMul, Add, Relu
/// → a baseline head (MatMul, Add) and a sensitivity head (MatMul, Add, Softplus); the discount's shapes (Slice, Sqrt,
/// Sign, Concat) weighted by the sensitivities (Mul, ReduceSum) are added to the baseline → Sigmoid → Probability [n].
/// </summary>
public static class ResponseNetworkOnnx
{
    public static byte[] Export(ResponseNetwork network, string name)
    {
        var width = FeatureDefinition.Count;
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Tensor("Features", [null, width]));
        graph.Output.Add(Tensor("Probability", [null]));
        graph.Initializer.Add(Longs("inputs_from", 0));
        graph.Initializer.Add(Longs("inputs_to", network.Inputs));
        graph.Initializer.Add(Longs("discount_from", FeatureDefinition.DiscountColumn));
        graph.Initializer.Add(Longs("discount_to", FeatureDefinition.DiscountColumn + 1));
        graph.Initializer.Add(Longs("columns", 1));
        graph.Initializer.Add(Longs("flat", -1));
        graph.Initializer.Add(Floats("w1", [network.Inputs, network.Hidden], network.W1.Select(v => (float)v)));
        graph.Initializer.Add(Floats("b1", [network.Hidden], network.B1.Select(v => (float)v)));
        graph.Initializer.Add(Floats("wa", [network.Hidden, 1], network.Wa.Select(v => (float)v)));
        graph.Initializer.Add(Floats("ba", [1], [(float)network.Ba]));
        graph.Initializer.Add(Floats("wb", [network.Hidden, ResponseNetwork.Shapes], network.Wb.Select(v => (float)v)));
        graph.Initializer.Add(Floats("bb", [ResponseNetwork.Shapes], network.Bb.Select(v => (float)v)));

        graph.Node.Add(Node("Slice", ["Features", "inputs_from", "inputs_to", "columns"], "x"));
        graph.Node.Add(Node("MatMul", ["x", "w1"], "hidden_linear"));
        graph.Node.Add(Node("Add", ["hidden_linear", "b1"], "hidden_biased"));
        graph.Node.Add(Node("Relu", ["hidden_biased"], "hidden"));
        graph.Node.Add(Node("MatMul", ["hidden", "wa"], "baseline_linear"));
        graph.Node.Add(Node("Add", ["baseline_linear", "ba"], "baseline"));
        graph.Node.Add(Node("MatMul", ["hidden", "wb"], "sensitivity_linear"));
        graph.Node.Add(Node("Add", ["sensitivity_linear", "bb"], "sensitivity_biased"));
        graph.Node.Add(Node("Softplus", ["sensitivity_biased"], "sensitivity"));
        graph.Node.Add(Node("Slice", ["Features", "discount_from", "discount_to", "columns"], "linear"));
        graph.Node.Add(Node("Sqrt", ["linear"], "concave"));
        graph.Node.Add(Node("Sign", ["linear"], "offered"));
        var shapes = Node("Concat", ["linear", "concave", "offered"], "shapes");
        shapes.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(shapes);
        graph.Node.Add(Node("Mul", ["sensitivity", "shapes"], "lift_terms"));
        graph.Node.Add(Node("ReduceSum", ["lift_terms", "columns"], "lift"));
        graph.Node.Add(Node("Add", ["baseline", "lift"], "logit"));
        graph.Node.Add(Node("Sigmoid", ["logit"], "probability_column"));
        graph.Node.Add(Node("Reshape", ["probability_column", "flat"], "Probability"));

        var onnx = new ModelProto { IrVersion = 7, ProducerName = "OrleansPricing", Graph = graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return onnx.ToByteArray();
    }
}
