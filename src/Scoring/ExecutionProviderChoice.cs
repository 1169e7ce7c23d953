using Microsoft.ML.OnnxRuntime;

namespace OrleansPricing.Scoring;

/// <summary>The session options to use and which execution provider they give, with the reason for any fallback.</summary>
public sealed record ExecutionProviderChoice(string Provider, string? FallbackReason)
{
    public const string Cuda = "CUDAExecutionProvider";
    public const string Cpu = "CPUExecutionProvider";

    /// <summary>Why <c>auto</c> mode chose the CPU without trying CUDA (<see cref="ScoringOptions.CudaMinWeights"/>); null otherwise.</summary>
    public string? AutoReason { get; init; }

    /// <summary>
    /// Builds session options per <see cref="ScoringOptions.ExecutionProvider"/>. Appending CUDA throws when the CUDA or
    /// cuDNN libraries are missing; in <c>auto</c> mode that falls back to the CPU and says why. Operators CUDA cannot run
    /// fall back to the CPU inside ONNX Runtime's own partitioning.
    /// </summary>
    /// <param name="model">
    /// The model the session is for: in <c>auto</c> mode one with fewer weights (<see cref="OnnxWeights.Count"/>) than
    /// <see cref="ScoringOptions.CudaMinWeights"/> is served on the CPU. Null: not weighed, CUDA tried.
    /// </param>
    public static (SessionOptions Options, ExecutionProviderChoice Choice) Create(
        ScoringOptions scoring, Action<SessionOptions>? appendCuda = null, byte[]? model = null)
    {
        var options = NewCpuOptions(scoring);
        if (scoring.ExecutionProvider == "cpu")
        {
            return (options, new ExecutionProviderChoice(Cpu, null));
        }

        if (scoring.ExecutionProvider == "auto" && model is not null && OnnxWeights.Count(model) is var modelWeights && modelWeights < scoring.CudaMinWeights)
        {
            return (options, new ExecutionProviderChoice(Cpu, null)
            {
                AutoReason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"auto: {modelWeights:N0} weights, under Scoring:CudaMinWeights ({scoring.CudaMinWeights:N0}); the CPU serves such a model faster"),
            });
        }

        try
        {
            (appendCuda ?? (o => AppendCuda(o, scoring)))(options);
            return (options, new ExecutionProviderChoice(Cuda, null));
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            options.Dispose();
            if (scoring.ExecutionProvider == "cuda")
            {
                throw new InvalidOperationException($"Scoring:ExecutionProvider is 'cuda' but CUDA cannot be used: {exception.Message}", exception);
            }

            return (NewCpuOptions(scoring), new ExecutionProviderChoice(Cpu, $"CUDA unavailable: {FirstLine(exception.Message)}"));
        }
    }

    private static SessionOptions NewCpuOptions(ScoringOptions scoring) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = scoring.IntraOpThreads,
        InterOpNumThreads = 1,
        EnableCpuMemArena = scoring.CpuMemoryArena,
    };

    private static void AppendCuda(SessionOptions options, ScoringOptions scoring)
    {
        using var cuda = new OrtCUDAProviderOptions();
        var settings = new Dictionary<string, string> { ["device_id"] = scoring.CudaDeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (scoring.CudaMemoryLimitBytes > 0)
        {
            settings["gpu_mem_limit"] = scoring.CudaMemoryLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        cuda.UpdateOptions(settings);
        options.AppendExecutionProvider_CUDA(cuda);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
