using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// The decision log in a local folder: <c>decisions-{silo}.csv</c> and <c>purchases-{silo}.csv</c>. A file written with
/// another schema (an older feature definition) is moved to <c>superseded/</c> when the silo opens it, never appended to.
/// </summary>
public sealed class FolderDecisionLogStore(string directory) : IDecisionLogStore
{
    /// <summary>Files known to have their header: asked of the disk once per file, not once per batch (one writer loop uses this).</summary>
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    public string Location => directory;

    public Task OpenAsync(string silo, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
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

    public static string HeaderOf(DecisionLogKind kind) =>
        DecisionLogCsv.HeaderOf(kind == DecisionLogKind.Decisions ? DecisionLogCsv.Columns : DecisionLogCsv.PurchaseColumns);

    private string PathOf(DecisionLogKind kind, string silo) =>
        Path.Combine(directory, $"{(kind == DecisionLogKind.Decisions ? "decisions" : "purchases")}-{silo}.csv");
}
