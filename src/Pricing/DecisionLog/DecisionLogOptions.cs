using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>Where the silos keep the decision log the cluster learns from. Bound from configuration section <c>DecisionLog</c>.</summary>
public sealed class DecisionLogOptions
{
    public const string SectionName = "DecisionLog";

    /// <summary>
    /// Folder each silo appends <c>decisions-{silo}-{yyyyMMddHH}.csv</c> and <c>purchases-{silo}-{yyyyMMddHH}.csv</c> to, a
    /// pair an hour (docs/decision-log.md); a relative path is under the working directory. On by default; an empty value
    /// turns the log off.
    /// </summary>
    public string? Directory { get; set; } = "decision-log";

    /// <summary>
    /// <c>auto</c> (default): Azure blob storage when the silo has a storage account with a blob endpoint
    /// (<c>ConnectionStrings:PricingStorage</c>), else the folder above; <c>folder</c> or <c>blob</c> to choose.
    /// </summary>
    [RegularExpression("auto|folder|blob")]
    public string Store { get; set; } = "auto";

    /// <summary>
    /// The blob container of the log when it is kept in Azure storage; unset (default): the service's own,
    /// <c>decision-log-{Orleans:ServiceId}</c>, so that services sharing a storage account do not learn from each other's
    /// decisions. A cluster whose log is in the container of the earlier default sets <c>decision-log</c> here to read on.
    /// </summary>
    public string? BlobContainer { get; set; }

    /// <summary>The prefix of the service's own container (<see cref="BlobContainer"/> unset).</summary>
    public const string ServiceContainerPrefix = "decision-log";

    /// <summary>
    /// <c>gzip</c> (default): the log's blobs are written compressed (<c>….csv.gz</c>, about a fifth of the bytes);
    /// <c>none</c>: plain CSV. Either kind is read. The folder store writes plain CSV.
    /// </summary>
    [RegularExpression("gzip|none")]
    public string BlobCompression { get; set; } = "gzip";

    /// <summary>
    /// At least this long between two writes of the log (a flush asked for, and stopping, write at once): rows of the
    /// interval go in one batch, so a silo makes at most one append a kind an interval instead of one whenever rows are
    /// waiting — each is a billed storage operation, and on Azurite each append costs a millisecond or more of CPU, however
    /// small (at 5,000 quotes/s without an interval: 100–270 appends a second, 28–33% of the 2 cores; docs/benchmarks.md,
    /// "Where Azurite's time went"). The cost: what a silo that dies had not written grows to this interval's rows, and the batch is
    /// formatted in one burst (a 1 s interval raised the HTTP p99 from 23 ms to 29–44 ms on the 2-core benchmark).
    /// 0: rows are written as fast as the store takes them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Rows waiting for the disk, at most. Rows are written and flushed in batches as fast as the disk takes them; what
    /// is queued or unflushed when a silo dies is lost (the log is for learning, never for orders or money), and past
    /// this bound new rows are dropped and counted rather than held in memory.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxPendingRows { get; set; } = 100_000;

    /// <summary>
    /// How long a silo keeps its hourly files or blobs after their hour; older ones are deleted when the log opens and
    /// each time an hour begins. 0 (default): kept for ever — a blob container's lifecycle rule, or the operator, bounds
    /// what is stored. A learning run reads only its own window (<c>Learning:Window</c>) whatever is kept, so a retention
    /// shorter than that window takes decisions from the runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; }
}
