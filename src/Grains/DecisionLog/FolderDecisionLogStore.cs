using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// The decision log in a local folder: <c>decisions-{silo}-{yyyyMMddHH}.csv</c> and <c>purchases-{silo}-{yyyyMMddHH}.csv</c>,
/// a new file every hour. Why: a learning run reads only the files of its window's hours
/// (<see cref="DecisionLogFolder.MayHoldRowsSince"/>), as it reads the blob store's hourly blobs, so a folder that has
/// logged for months costs a run what its window holds; one file a silo, as before, was read whole by every run. An
/// hour's file can be deleted, archived or moved by the operator once the hour is over, and <c>DecisionLog:Retention</c>
/// deletes them. A file of this silo written with another schema (an older feature definition) is moved to
/// <c>superseded/</c> when the silo opens the log, never appended to; files of the earlier one-file form
/// (<c>decisions-{silo}.csv</c>) are read as before.
/// </summary>
/// <param name="setAsideEarlierStarts">
/// Whether opening moves the log files already in the folder to <c>earlier/{time}/</c>; true on the embedded default,
/// whose models, customers and products were in memory and went with the process before (<see cref="GrainStateLifetime"/>).
/// Why: the registry names learned versions by run number from <c>learned-0001</c> again after a restart, and a shadow's
/// trial is read from the log by its version's name, so an earlier start's rows of the same name would be counted as the
/// new shadow's — as they were in an independent simulator's runs, each seed learning from the seeds before it.
/// </param>
/// <param name="retention">
/// How long this silo's hourly files are kept after their hour (0: for ever): older ones are deleted when the log opens
/// and when an hour begins.
/// </param>
public sealed class FolderDecisionLogStore(string directory, TimeProvider time, bool setAsideEarlierStarts = false, TimeSpan retention = default)
    : IDecisionLogStore
{
    /// <summary>Files known to have their header: asked of the disk once per file, not once per batch (one writer loop uses this).</summary>
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    /// <summary>The hour the files in <see cref="_started"/> are of; a new one starts new files.</summary>
    private string _hour = "";

    public string Location => directory;

    /// <summary>Where <see cref="OpenAsync"/> moves an earlier start's files when it sets them aside.</summary>
    public const string EarlierFolder = "earlier";

    /// <summary>Where <see cref="OpenAsync"/> moves this silo's files of another schema.</summary>
    public const string SupersededFolder = "superseded";

    public Task OpenAsync(string silo, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (setAsideEarlierStarts)
        {
            SetAsideEarlierStart();
        }

        foreach (var kind in Enum.GetValues<DecisionLogKind>())
        {
            foreach (var path in FilesOf(kind, silo).Where(path => new FileInfo(path).Length > 0 && File.ReadLines(path).First() != HeaderOf(kind)))
            {
                var superseded = Path.Combine(directory, SupersededFolder);
                Directory.CreateDirectory(superseded);
                File.Move(path, Path.Combine(superseded, $"{Path.GetFileNameWithoutExtension(path)}-{time.GetUtcNow():yyyyMMddHHmmss}.csv"));
            }
        }

        DeleteExpired(silo);
        return Task.CompletedTask;
    }

    public async Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken)
    {
        var hour = DecisionLogFolder.HourText(time.GetUtcNow());
        if (hour != _hour)
        {
            // A new hour: its files are new, and the earlier hours' are done (so this set holds one hour's files, not one an hour).
            _started.Clear();
            _hour = hour;
            DeleteExpired(silo);
        }

        var path = Path.Combine(directory, $"{PrefixOf(kind)}{silo}-{hour}.csv");
        var isNew = !_started.Contains(path) && (!File.Exists(path) || new FileInfo(path).Length == 0);
        if (isNew)
        {
            await File.AppendAllTextAsync(path, HeaderOf(kind) + Environment.NewLine, cancellationToken);
        }

        await File.AppendAllTextAsync(path, rows, cancellationToken);
        _started.Add(path);
    }

    public Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int newestLabelled, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return Task.FromResult<IReadOnlyList<DecisionRecord>>([]);
        }

        IEnumerable<string> Names(DecisionLogKind kind) => Directory.GetFiles(directory, $"{PrefixOf(kind)}*.csv").Select(path => Path.GetFileName(path));
        return DecisionLogFolder.ReadNewestAsync(
            Names(DecisionLogKind.Decisions), Names(DecisionLogKind.Purchases), name => Task.FromResult(DecisionLogFolder.OpenShared(Path.Combine(directory, name))),
            now, quoteTimeToLive, since, newestLabelled);
    }

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

    /// <summary>How the names of a kind's files (and blobs) begin, before the silo's name.</summary>
    public static string PrefixOf(DecisionLogKind kind) => kind == DecisionLogKind.Decisions ? "decisions-" : "purchases-";

    /// <summary>This silo's files of <paramref name="kind"/>: its hourly ones and the earlier one-file form's.</summary>
    private IEnumerable<string> FilesOf(DecisionLogKind kind, string silo) =>
        Directory.GetFiles(directory, $"{PrefixOf(kind)}{silo}*.csv").Where(path =>
        {
            var name = Path.GetFileName(path);
            return name == $"{PrefixOf(kind)}{silo}.csv" || name == $"{PrefixOf(kind)}{silo}-{DecisionLogFolder.HourOf(name)}.csv";
        });

    /// <summary>
    /// Deletes this silo's hourly files that the retention no longer keeps (<see cref="DecisionLogFolder.IsExpired"/>).
    /// A file it cannot delete now is left for the next hour: the retention never costs the batch being appended, nor
    /// the log at opening.
    /// </summary>
    private void DeleteExpired(string silo)
    {
        if (retention <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var path in Enum.GetValues<DecisionLogKind>().SelectMany(kind => FilesOf(kind, silo)).Where(path => DecisionLogFolder.IsExpired(Path.GetFileName(path), now, retention)))
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Tried again as the next hour begins.
            }
        }
    }
}
