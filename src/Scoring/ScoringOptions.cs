namespace OrleansPricing.Scoring;

/// <summary>How the scoring pool runs ONNX models. Bound from configuration section <c>Scoring</c>, validated at start.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary><c>auto</c>: CUDA if it can be set up, else CPU. <c>cuda</c>: CUDA or fail. <c>cpu</c>: CPU only.</summary>
    public string ExecutionProvider { get; set; } = "auto";

    public int CudaDeviceId { get; set; }

    /// <summary>GPU memory arena limit in bytes; 0 leaves ONNX Runtime's default.</summary>
    public long CudaMemoryLimitBytes { get; set; }

    /// <summary>Threads inside one operator. Batches run one at a time per silo, so this is the CPU the pool uses.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Most rows in one ONNX Runtime call.</summary>
    public int MaxBatchRows { get; set; } = 512;

    /// <summary>How long the first request of a batch may wait for company before the batch runs.</summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Requests waiting beyond this are refused at once (load shedding) instead of queueing without bound.</summary>
    public int MaxQueuedRequests { get; set; } = 2048;

    /// <summary>A request not scored within this time fails with a deadline error.</summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Model uploaded to the registry when it holds none yet.</summary>
    public string InitialModelPath { get; set; } = "models/lightgbm-purchase-2.0.0.onnx";

    /// <summary>How often each silo checks the registry for a new active or shadow version.</summary>
    public TimeSpan RegistryPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<string> Validate()
    {
        if (ExecutionProvider is not ("auto" or "cuda" or "cpu"))
        {
            yield return $"Scoring:ExecutionProvider must be auto, cuda or cpu, was '{ExecutionProvider}'.";
        }

        if (IntraOpThreads < 1)
        {
            yield return "Scoring:IntraOpThreads must be at least 1.";
        }

        if (MaxBatchRows < 1)
        {
            yield return "Scoring:MaxBatchRows must be at least 1.";
        }

        if (MaxQueueDelay < TimeSpan.Zero || RequestDeadline <= TimeSpan.Zero || RegistryPollInterval <= TimeSpan.Zero)
        {
            yield return "Scoring:MaxQueueDelay must not be negative; RequestDeadline and RegistryPollInterval must be positive.";
        }

        if (MaxQueuedRequests < 1)
        {
            yield return "Scoring:MaxQueuedRequests must be at least 1.";
        }
    }
}
