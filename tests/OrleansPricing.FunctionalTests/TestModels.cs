using System.Text.Json;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Scoring;

namespace OrleansPricing.FunctionalTests;

/// <summary>Model files to upload in tests: a small response network trained for one epoch on seeded noise, with its card.</summary>
public static class TestModels
{
    public static (byte[] Onnx, JsonElement Card) SmallNetworkOnnx(string version, int[]? layers = null, int rows = 200)
    {
        var random = new Random(4);
        var features = Enumerable.Range(0, rows * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var network = ResponseNetwork.Train(features, [.. Enumerable.Range(0, rows).Select(i => i % 5 == 0)], [.. Enumerable.Repeat(1.0, rows)], 1,
            new NetworkShape(layers ?? [16], 4), epochs: 1);
        var card = JsonDocument.Parse(LogisticOnnx.Card("test-network", version, ModelKinds.ResponseNetwork, "test")).RootElement;
        return (ResponseNetworkOnnx.Export(network, version), card);
    }
}
