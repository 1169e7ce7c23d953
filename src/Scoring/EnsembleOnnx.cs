using Onnx;
using OrleansPricing.Pricing.Learning;
using static OrleansPricing.Scoring.LogisticOnnx;

namespace OrleansPricing.Scoring;

/// <summary>
/// An <see cref="EnsembleModel"/> as one ONNX graph: each part's own graph (as <see cref="LogisticOnnx.Export(ICandidateModel, string)"/>
/// writes it) with its names prefixed, all reading the shared Features input; their probabilities weighted (Mul) and
/// summed (Sum) → Probability [n], so the scoring pool serves it in one run like any other version.
/// </summary>
public static class EnsembleOnnx
{
    /// <param name="distinctRows">Passed to <see cref="ResponseNetworkOnnx.Export"/> for each network (the scoring benchmark's baseline turns it off).</param>
    public static byte[] Export(EnsembleModel ensemble, string name, bool distinctRows = true)
    {
        var graph = new GraphProto { Name = name };
        var weighted = new List<string>();
        for (var p = 0; p < ensemble.Parts.Count; p++)
        {
            var (model, weight) = ensemble.Parts[p];
            var part = ModelProto.Parser.ParseFrom(model is ResponseNetwork network
                ? ResponseNetworkOnnx.Export(network, $"{name}-part-{p}", distinctRows)
                : LogisticOnnx.Export(model, $"{name}-part-{p}")).Graph;
            if (p == 0)
            {
                graph.Input.Add(part.Input);
            }
            else if (!part.Input.Single().Equals(graph.Input.Single()))
            {
                throw new ArgumentException("Every part of an ensemble must read the same Features input.", nameof(ensemble));
            }

            var prefix = $"part{p}/";
            string Renamed(string value) => value == "Features" || value.Length == 0 ? value : prefix + value;
            foreach (var initializer in part.Initializer)
            {
                var copy = initializer.Clone();
                copy.Name = Renamed(copy.Name);
                graph.Initializer.Add(copy);
            }

            foreach (var node in part.Node)
            {
                var copy = node.Clone();
                copy.Name = Renamed(copy.Name);
                copy.Input.Clear();
                copy.Input.AddRange(node.Input.Select(Renamed));
                copy.Output.Clear();
                copy.Output.AddRange(node.Output.Select(Renamed));
                graph.Node.Add(copy);
            }

            graph.Initializer.Add(Floats($"{prefix}weight", [1], [(float)weight]));
            graph.Node.Add(Node("Mul", [Renamed(part.Output.Single().Name), $"{prefix}weight"], $"{prefix}weighted"));
            weighted.Add($"{prefix}weighted");
        }

        graph.Node.Add(Node("Sum", [.. weighted], "Probability"));
        graph.Output.Add(Tensor("Probability", [null]));
        return ModelBytes(graph);
    }
}
