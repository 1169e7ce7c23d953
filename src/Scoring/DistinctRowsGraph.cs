using Google.Protobuf;
using Onnx;

namespace OrleansPricing.Scoring;

/// <summary>
/// A response network's trunk on every row instead of on the distinct rows. <see cref="ResponseNetworkOnnx.Export"/>
/// runs the trunk on the distinct rows (Unique) and hands each row its heads' outputs (Gather by the row's index among
/// them); without distinct rows it writes Identity for both. This rewrites the first form into the second, for an
/// ensemble's networks too: the same probabilities. The CUDA provider has no Unique kernel, so under CUDA the distinct
/// rows cost more than they save (README, "Quotes end to end on the GPU").
/// </summary>
public static class DistinctRowsGraph
{
    /// <summary>
    /// The model with each of its Unique nodes and the Gathers that read their row indices made Identity; the model as
    /// it is when it has none, does not parse, or uses Unique otherwise than the export does (then it is not rewritten).
    /// </summary>
    public static byte[] ToEveryRow(byte[] model)
    {
        ModelProto onnx;
        try
        {
            onnx = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException)
        {
            return model; // ONNX Runtime refuses it with its own message.
        }

        var graph = onnx.Graph;
        var uniques = graph?.Node.Where(node => node.OpType == "Unique").ToList() ?? [];
        if (uniques.Count == 0 || !uniques.All(IsDistinctRows))
        {
            return model;
        }

        var rowIndices = uniques.Select(unique => unique.Output[2]).ToHashSet();
        var readers = graph!.Node.Where(node => node.Input.Any(rowIndices.Contains)).ToList();
        if (readers.Any(node => node.OpType != "Gather" || node.Input.Count != 2 || !rowIndices.Contains(node.Input[1]) || Axis(node) != 0)
            || graph.Output.Any(output => rowIndices.Contains(output.Name)))
        {
            return model;
        }

        for (var n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            if (node.OpType == "Unique" || readers.Contains(node))
            {
                graph.Node[n] = new NodeProto { OpType = "Identity", Name = node.Name, Input = { node.Input[0] }, Output = { node.Output[0] } };
            }
        }

        return onnx.ToByteArray();
    }

    /// <summary>As the export writes it: rows (axis 0), the distinct rows and each row's index among them read, nothing else.</summary>
    private static bool IsDistinctRows(NodeProto unique) =>
        unique.Input.Count == 1
        && unique.Attribute.Any(attribute => attribute.Name == "axis")
        && Axis(unique) == 0
        && unique.Output.Count is 3 or 4
        && unique.Output[1].Length == 0
        && unique.Output[2].Length > 0
        && (unique.Output.Count == 3 || unique.Output[3].Length == 0);

    private static long Axis(NodeProto node) => node.Attribute.FirstOrDefault(attribute => attribute.Name == "axis")?.I ?? 0;
}
