using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Export;

/// <summary>Exports a trained classifier to ONNX and scores ONNX files with ONNX Runtime (CPU) for parity checks.</summary>
public static class OnnxModel
{
    public static void Export(MLContext ml, ProbabilityModel model, IReadOnlyList<float[]> sampleRows, string path)
    {
        using var stream = File.Create(path);
        ml.Model.ConvertToOnnx(model.Transformer, model.SampleInput(sampleRows), stream);
    }

    /// <summary>P(label = true) per row, read from the exported graph's probability output.</summary>
    public static double[] Predict(string path, IReadOnlyList<float[]> rows)
    {
        using var session = new InferenceSession(path);
        var width = rows[0].Length;
        var flat = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(flat, i * width);
        }

        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, metadata) in session.InputMetadata)
        {
            if (metadata.ElementType == typeof(float) && name.StartsWith("Features", StringComparison.Ordinal))
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(flat, [rows.Count, width])));
            }
            else if (metadata.ElementType == typeof(bool))
            {
                // The label is an input of the exported graph but plays no part in scoring.
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>([rows.Count, 1])));
            }
            else
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>([rows.Count, 1])));
            }
        }

        var probabilityOutput = session.OutputMetadata.Keys.First(name => name.StartsWith("Probability", StringComparison.Ordinal));
        using var results = session.Run(inputs, [probabilityOutput]);
        return results.Single().AsEnumerable<float>().Select(p => (double)p).ToArray();
    }
}
