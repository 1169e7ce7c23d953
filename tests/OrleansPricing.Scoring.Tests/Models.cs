namespace OrleansPricing.Scoring.Tests;

public static class Models
{
    public static byte[] LightGbm => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", "lightgbm-purchase-3.0.0.onnx"));

    public static ScoringOptions Cpu(Action<ScoringOptions>? configure = null)
    {
        var options = new ScoringOptions { ExecutionProvider = "cpu" };
        configure?.Invoke(options);
        return options;
    }
}
