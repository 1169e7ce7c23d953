using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// The decision log in a local folder: <c>decisions-{silo}.csv</c> and <c>purchases-{silo}.csv</c>. A file written with
/// another schema (an older feature definition) is moved to <c>superseded/</c> when the silo opens it, never appended to.
/// </summary>
/// <param name="setAsideEarlierStarts">
/// Whether opening moves the log files already in the folder to <c>earlier/{time}/</c>; true on the embedded default,
/// whose models, customers and products were in memory and went with the process before (<see cref="GrainStateLifetime"/>).
/// Why: the registry names learned versions by run number from <c>learned-0001</c> again after a restart, and a shadow's
/// trial is read from the log by its version's name, so an earlier start's rows of the same name would be counted as the
/// new shadow's — as they were in an independent simulator's runs, each seed learning from the seeds before it.
/// </param>
public sealed class FolderDecisionLogStore(string directory, TimeProvider time, bool setAsideEarlierStarts = false) : IDecisionLogStore
{
    /// <summary>Files known to have their header: asked of the disk once per file, not once per batch (one writer loop uses this).</summary>
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    public string Location => directory;

    /// <summary>Where <see cref="OpenAsync"/> moves an earlier start's files when it sets them aside.</summary>
    public const string EarlierFolder = "earlier";

    public Task OpenAsync(string silo, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (setAsideEarlierStarts)
        {
            SetAsideEarlierStart();
        }

        foreach (var kind in Enum.GetValues<DecisionLogKind>())
        {
            var path = PathOf(kind, silo);
            if (File.Exists(path) && new FileInfo(path).Length > 0 && File.ReadLines(path).First() != HeaderOf(kind))
            {
                var superseded = Path.Combine(directory, "superseded");
                Directory.CreateDirectory(superseded);
                File.Move(path, Path.Combine(superseded, $"{Path.GetFileNameWithoutExtension(path)}-{DateTime.UtcNow:yyyyMMddHHmmss}.csv"));
            }
        }

        return Task.CompletedTask;
    }

    public async Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken)
    {
        var path = PathOf(kind, silo);
        var isNew = !_started.Contains(path) && (!File.Exists(path) || new FileInfo(path).Length == 0);
        if (isNew)
        {
            await File.AppendAllTextAsync(path, HeaderOf(kind) + Environment.NewLine, cancellationToken);
        }

        await File.AppendAllTextAsync(path, rows, cancellationToken);
        _started.Add(path);
    }

    public Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(DecisionLogFolder.Read(directory, now, quoteTimeToLive, since: since));

    private void SetAsideEarlierStart()
    {
        var files = Directory.GetFiles(directory, "decisions-*.csv").Concat(Directory.GetFiles(directory, "purchases-*.csv")).ToList();
        if (files.Count == 0)
        {
            return;
        }

        // A folder of its own for each start, also for two in one second.
        var earlier = Path.Combine(directory, EarlierFolder, $"{time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(earlier);
        foreach (var file in files)
        {
            File.Move(file, Path.Combine(earlier, Path.GetFileName(file)));
        }
    }

    public static string HeaderOf(DecisionLogKind kind) =>
        DecisionLogCsv.HeaderOf(kind == DecisionLogKind.Decisions ? DecisionLogCsv.Columns : DecisionLogCsv.PurchaseColumns);

    private string PathOf(DecisionLogKind kind, string silo) =>
        Path.Combine(directory, $"{(kind == DecisionLogKind.Decisions ? "decisions" : "purchases")}-{silo}.csv");
}
