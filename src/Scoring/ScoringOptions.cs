using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Scoring;

/// <summary>How the scoring pool runs ONNX models. Bound from configuration section <c>Scoring</c>, validated at start.</summary>
public sealed class ScoringOptions : IValidatableObject
{
    public const string SectionName = "Scoring";

    /// <summary><c>auto</c>: CUDA if it can be set up, for a model of <see cref="CudaMinWeights"/> or more, else CPU. <c>cuda</c>: CUDA or fail. <c>cpu</c>: CPU only.</summary>
    public string ExecutionProvider { get; set; } = "auto";

    public int CudaDeviceId { get; set; }

    /// <summary>GPU memory arena limit in bytes; 0 leaves ONNX Runtime's default.</summary>
    public long CudaMemoryLimitBytes { get; set; }

    /// <summary>Threads inside one operator. 1: the concurrent batches (<see cref="ConcurrentBatches"/>) already use the cores.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Batches scored at the same time per silo. One core per batch: with a single runner a 2-core silo left a core idle
    /// and batching lost to unbatched calls (0.7x); defaults to the number of cores.
    /// </summary>
    public int ConcurrentBatches { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// ONNX Runtime's CPU memory arena, which every run of a session allocates its tensors from under one lock. Off (the
    /// default), each tensor comes from the process allocator, whose per-thread arenas the concurrent batches do not
    /// share: on 16 cores sixteen callers sharing a session priced 4.7 times the quotes without it (README, "The CPU
    /// memory arena").
    /// </summary>
    public bool CpuMemoryArena { get; set; }

    /// <summary>
    /// In <c>auto</c> mode, a model with fewer weights (the values in its ONNX initializers; a tree ensemble keeps its
    /// trees in attributes and counts none) is served on the CPU without trying CUDA. On an H200 every model the service
    /// ships or trains by default (the shipped LightGBM, the interaction and segment models, the 128×64 networks, their
    /// ensemble of 34,190 weights) priced 3.5 to 18 times fewer quotes end to end on CUDA than on the CPU, while the
    /// 512×512 network (276,000) passed one CPU core from 64-row batches (README, "Quotes end to end on the GPU"). 0: CUDA
    /// whenever it loads.
    /// </summary>
    public long CudaMinWeights { get; set; } = 100_000;

    /// <summary>
    /// Under CUDA, serve a response network's trunk on every row rather than on the distinct rows
    /// (<see cref="DistinctRowsGraph"/>; the same probabilities): the CUDA provider has no Unique kernel, and on an H200
    /// the every-row graph priced 1.6 to 2.3 times the ensemble's quotes (README, "Quotes end to end on the GPU"). The
    /// CPU provider keeps the distinct rows.
    /// </summary>
    public bool CudaTrunkOnEveryRow { get; set; } = true;

    /// <summary>Most rows in one ONNX Runtime call. 64 is the CPU optimum of the shipped LightGBM model (see the scoring benchmark); GPUs favour larger batches.</summary>
    public int MaxBatchRows { get; set; } = 64;

    /// <summary>
    /// How long the first request of a batch may wait for company before the batch runs (Triton's max_queue_delay).
    /// 0, the default, batches greedily: each run takes everything that queued while the previous run was busy, so
    /// batches grow with load and a lone request never waits. Measured on the 2-core CPU machine, 0 gave 3.7x the
    /// unbatched throughput for single-row requests, while a 2 ms delay gave 0.2x (batches could not fill).
    /// </summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Requests waiting beyond this are refused at once (load shedding) instead of queueing without bound.</summary>
    public int MaxQueuedRequests { get; set; } = 2048;

    /// <summary>A request not scored within this time fails with a deadline error.</summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Model registered and activated when the registry holds none yet: a logistic model file (<c>.json</c>, exported to
    /// ONNX; by default the hand-set prior) or an ONNX file with its <c>.card.json</c>.
    /// </summary>
    public string InitialModelPath { get; set; } = "models/logistic-v2.json";

    /// <summary>How long a starting silo waits for its first model before it serves anyway (quotes then get 503 until one loads).</summary>
    public TimeSpan StartupModelWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo checks the registry for a new active or shadow version.</summary>
    public TimeSpan RegistryPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExecutionProvider is not ("auto" or "cuda" or "cpu"))
        {
            yield return new ValidationResult($"Scoring:ExecutionProvider must be auto, cuda or cpu, was '{ExecutionProvider}'.");
        }

        if (IntraOpThreads < 1)
        {
            yield return new ValidationResult("Scoring:IntraOpThreads must be at least 1.");
        }

        if (ConcurrentBatches < 1)
        {
            yield return new ValidationResult("Scoring:ConcurrentBatches must be at least 1.");
        }

        if (CudaMinWeights < 0)
        {
            yield return new ValidationResult("Scoring:CudaMinWeights must not be negative.");
        }

        if (MaxBatchRows < 1)
        {
            yield return new ValidationResult("Scoring:MaxBatchRows must be at least 1.");
        }

        if (MaxQueueDelay < TimeSpan.Zero || RequestDeadline <= TimeSpan.Zero || RegistryPollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Scoring:MaxQueueDelay must not be negative; RequestDeadline and RegistryPollInterval must be positive.");
        }

        if (MaxQueuedRequests < 1)
        {
            yield return new ValidationResult("Scoring:MaxQueuedRequests must be at least 1.");
        }
    }
}
