using System.Globalization;
using nietras.SeparatedValues;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>
/// The decision log as the silos write it: a folder of <c>decisions-*.csv</c> and <c>purchases-*.csv</c>, a pair per
/// silo and hour (docs/decision-log.md). Reading joins them: once a decision's quote expired before <c>now</c>, it is
/// purchased when a purchase names it and not purchased otherwise; before, it is unknown, bought or not.
/// </summary>
public static partial class DecisionLogFolder
{
    /// <summary>The format of the hour a log file's or blob's name carries after the silo's name.</summary>
    private const string HourFormat = "yyyyMMddHH";

    /// <summary>The hour of <paramref name="at"/> as a log file's or blob's name carries it (<c>yyyyMMddHH</c>, UTC).</summary>
    public static string HourText(DateTimeOffset at) => at.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    /// <summary>When an hour (<see cref="HourText"/>) begins.</summary>
    private static DateTimeOffset StartOf(string hour) => DateTimeOffset.ParseExact(hour, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The hour (<see cref="HourFormat"/>) a log file's or blob's name carries after the silo's name; null when it carries none (then it is read).</summary>
    public static string? HourOf(string name) =>
        HourInName().Matches(name) is { Count: > 0 } matches ? matches[^1].Groups[1].Value : null;

    /// <summary>
    /// Whether a file of hour <paramref name="name"/> may hold rows of <paramref name="since"/> or later: each file holds
    /// one hour's rows, and a purchase comes after its decision, so the files of hours before it are not read.
    /// </summary>
    public static bool MayHoldRowsSince(string name, DateTimeOffset? since) =>
        since is null || HourOf(name) is not { } hour
            || string.CompareOrdinal(hour, HourText(since.Value)) >= 0;

    /// <summary>
    /// Whether a retention of <paramref name="retention"/> (0: for ever) deletes the file or blob <paramref name="name"/> at
    /// <paramref name="now"/>: one of hour h holds rows until h + 1 hour, and goes once that is at least the retention ago.
    /// A name without an hour is kept.
    /// </summary>
    public static bool IsExpired(string name, DateTimeOffset now, TimeSpan retention) =>
        retention > TimeSpan.Zero && HourOf(name) is { } hour
            && string.CompareOrdinal(hour, HourText(now - retention - TimeSpan.FromHours(1))) <= 0;

    [System.Text.RegularExpressions.GeneratedRegex(@"-(\d{10})(?=-|\.csv(\.gz)?$)")]
    private static partial System.Text.RegularExpressions.Regex HourInName();

    /// <summary>
    /// Writes labelled records (a simulated log's) into <paramref name="directory"/> as a silo named
    /// <paramref name="writer"/> would have (<see cref="DecisionLogCsv.WriteAsLogged"/>): <c>decisions-{writer}.csv</c> and
    /// <c>purchases-{writer}.csv</c>, names without an hour, so they are read whole.
    /// </summary>
    /// <returns>How many of the records were bought.</returns>
    public static int Write(string directory, string writer, IEnumerable<DecisionRecord> records)
    {
        using var decisionsText = new StreamWriter(Path.Combine(directory, $"decisions-{writer}.csv"));
        using var purchasesText = new StreamWriter(Path.Combine(directory, $"purchases-{writer}.csv"));
        decisionsText.WriteLine(DecisionLogCsv.HeaderOf(DecisionLogCsv.Columns));
        purchasesText.WriteLine(DecisionLogCsv.HeaderOf(DecisionLogCsv.PurchaseColumns));
        using var decisions = DecisionLogCsv.RowWriter(decisionsText);
        using var purchases = DecisionLogCsv.RowWriter(purchasesText);
        return DecisionLogCsv.WriteAsLogged(decisions, purchases, records);
    }

    /// <summary>
    /// Every decision of the folder, labelled as of <paramref name="now"/> (null: the newest time in the log, for a
    /// log read after the fact); a bad row throws a FormatException naming file and line.
    /// </summary>
    /// <param name="withRecentEvents">
    /// Whether to parse each decision's event window (<c>recent_events</c>). Only the sequence encoder reads it, which the
    /// learning loop does not train; left out, a run on 100,000 decisions holds some 1.6 million fewer event records.
    /// </param>
    /// <param name="since">
    /// Decisions made before this are not kept (the learning service's <c>Learning:Window</c>), and the files of hours
    /// before it are not read (<see cref="MayHoldRowsSince"/>): a run reads its window, not the folder's whole history.
    /// </param>
    public static IReadOnlyList<DecisionRecord> Read(
        string directory, DateTimeOffset? now, TimeSpan quoteTimeToLive, bool withRecentEvents = false, DateTimeOffset? since = null)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Parse(Files(directory, "decisions-*.csv", since), Files(directory, "purchases-*.csv", since), now, quoteTimeToLive, withRecentEvents, since);

        // Each opened only as it is read, and closed once read.
        static IEnumerable<(string Name, TextReader Text)> Files(string directory, string pattern, DateTimeOffset? since) =>
            Directory.GetFiles(directory, pattern).Where(file => MayHoldRowsSince(Path.GetFileName(file), since)).Order(StringComparer.Ordinal)
                .Select(file => (Path.GetFileName(file), OpenShared(file)));
    }

    /// <summary>
    /// Joins decision files with purchase files (name and text each, from a folder or a blob container; each text
    /// disposed once read) and labels every decision as of <paramref name="now"/> (<paramref name="withRecentEvents"/>
    /// and <paramref name="since"/> as for <see cref="Read"/>).
    /// </summary>
    public static IReadOnlyList<DecisionRecord> Parse(
        IEnumerable<(string Name, TextReader Text)> decisionFiles, IEnumerable<(string Name, TextReader Text)> purchaseFiles, DateTimeOffset? now,
        TimeSpan quoteTimeToLive, bool withRecentEvents = false, DateTimeOffset? since = null)
    {
        var purchases = new Purchases();
        foreach (var (name, text) in purchaseFiles)
        {
            purchases.Add(name, text);
        }

        var decisions = new List<DecisionRecord>();
        foreach (var (name, text) in decisionFiles)
        {
            AddDecisions(name, text, withRecentEvents, since, decisions);
        }

        return Label(decisions, purchases, now ?? decisions.Select(d => d.Timestamp).Append(purchases.Newest).Max(), quoteTimeToLive);
    }

    /// <summary>
    /// The decisions since <paramref name="since"/> of the newest hours that hold at least <paramref name="labelled"/>
    /// decisions labelled as of <paramref name="now"/> (every hour of the window when they hold fewer), joined with the
    /// purchases from the hour before them on. Files are named with their hour (a folder's or a blob container's: their
    /// names, and <paramref name="open"/> to read one, disposed once read) and read newest hour first: a run learns from the newest
    /// <c>Learning:MaxDecisions</c> labelled decisions, so the hours before them are not read — at a hundred quotes a
    /// second they are most of a window of days. Names without an hour (the earlier one-file form) are always read; their
    /// rows do not count toward <paramref name="labelled"/>, since their hours are not known before they are read.
    /// </summary>
    public static async Task<IReadOnlyList<DecisionRecord>> ReadNewestAsync(
        IEnumerable<string> decisionNames, IEnumerable<string> purchaseNames, Func<string, Task<TextReader>> open,
        DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int labelled)
    {
        var decisions = new List<DecisionRecord>();
        var inWindow = decisionNames.Where(name => MayHoldRowsSince(name, since)).ToList();
        foreach (var name in inWindow.Where(name => HourOf(name) is null).Order(StringComparer.Ordinal))
        {
            AddDecisions(name, await open(name), withRecentEvents: false, since, decisions);
        }

        string? oldestHourRead = null;
        // Labelled decisions of the hourly files: counted once every decision made as late is known to be read, pending
        // until then (a row is written after it is made, so an hour's file may hold some of the hours before).
        var (counted, pending) = (0, new List<DateTimeOffset>());
        foreach (var hour in inWindow.Where(name => HourOf(name) is not null).GroupBy(name => HourOf(name)!).OrderByDescending(hour => hour.Key, StringComparer.Ordinal))
        {
            // Every decision made after this hour is in the files of the later hours, read: if those labelled number what
            // the run learns from, this hour and the older ones are not needed.
            var after = StartOf(hour.Key).AddHours(1);
            counted += pending.RemoveAll(made => made >= after);
            if (counted >= labelled)
            {
                break;
            }

            var first = decisions.Count;
            foreach (var name in hour.Order(StringComparer.Ordinal))
            {
                AddDecisions(name, await open(name), withRecentEvents: false, since, decisions);
            }

            oldestHourRead = hour.Key;
            pending.AddRange(decisions.Skip(first).Where(d => d.Timestamp + quoteTimeToLive <= now).Select(d => d.Timestamp));
        }

        // A purchase comes after its decision: the purchases from the oldest hour read on, and those of no known hour —
        // from the hour before it, as another silo (the order's) may write a purchase made within its flush interval of
        // the quote before this silo wrote the decision, across the turn of an hour.
        var purchasesSince = oldestHourRead is null ? since
            : Later(since, StartOf(oldestHourRead).AddHours(-1));
        var purchases = new Purchases();
        foreach (var name in purchaseNames.Where(name => MayHoldRowsSince(name, purchasesSince)).Order(StringComparer.Ordinal))
        {
            purchases.Add(name, await open(name));
        }

        return Label(decisions, purchases, now, quoteTimeToLive);

        static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    /// <summary>The decisions a purchase names, and the newest purchase's time.</summary>
    private sealed class Purchases
    {
        public HashSet<string> DecisionIds { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset Newest { get; private set; } = DateTimeOffset.MinValue;

        public void Add(string name, TextReader text) => ReadRows(name, text, DecisionLogCsv.PurchaseColumns, fields =>
        {
            var at = DateTimeOffset.TryParse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new FormatException($"column 'timestamp': '{fields[2]}' is not a timestamp.");
            DecisionIds.Add(fields[0]);
            Newest = at > Newest ? at : Newest;
        });
    }

    private static void AddDecisions(string name, TextReader text, bool withRecentEvents, DateTimeOffset? since, List<DecisionRecord> decisions) =>
        ReadRows(name, text, DecisionLogCsv.Columns, fields =>
        {
            var decision = DecisionLogCsv.Parse(fields, withRecentEvents);
            if (since is null || decision.Timestamp >= since)
            {
                decisions.Add(decision);
            }
        }, unread: withRecentEvents ? null : RecentEventsColumn);

    /// <summary>Most of a row's characters: left unread (not made a string) when the events are not parsed.</summary>
    private const string RecentEventsColumn = "recent_events";

    /// <summary>
    /// Labelled only once the quote has expired, bought or not: were a bought decision labelled at once, the newest
    /// quote lifetime of the log would hold its purchases and none of its refusals, and the held-out decisions (the
    /// newest) would overstate every policy's profit — with the default 15-minute quotes and hourly runs, the newest
    /// quarter of each hour's decisions (arithmetic: 15 of 60 minutes).
    /// </summary>
    private static List<DecisionRecord> Label(List<DecisionRecord> decisions, Purchases purchases, DateTimeOffset asOf, TimeSpan quoteTimeToLive) =>
        decisions.Select(d => d with
        {
            Purchased = d.Timestamp + quoteTimeToLive <= asOf ? purchases.DecisionIds.Contains(d.DecisionId) : null,
        }).ToList();

    /// <summary>A file a silo may be appending to: opened for reading while it stays open for writing.</summary>
    public static TextReader OpenShared(string file) =>
        new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024));

    /// <summary>
    /// Reads the named columns of every complete row of <paramref name="text"/>, and disposes it. A silo may be appending
    /// while this reads: a last line without its line end is a row still being written and is left for the next read
    /// (<see cref="CompleteLinesReader"/>).
    /// </summary>
    /// <param name="unread">A column left empty in the fields handed on, whatever the row holds.</param>
    private static void ReadRows(string file, TextReader text, IReadOnlyList<string> columns, Action<string[]> row, string? unread = null)
    {
        using var complete = new CompleteLinesReader(text);
        if (complete.Peek() < 0)
        {
            return;
        }

        using var csv = Sep.New(',').Reader(options => options with { Unescape = true }).From(complete);
        var missing = columns.Where(column => !csv.Header.ColNames.Contains(column) && !DecisionLogCsv.OptionalColumns.Contains(column)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{Path.GetFileName(file)}: missing column(s) {string.Join(", ", missing)}.");
        }

        var present = columns.Select(column => csv.Header.ColNames.Contains(column) && column != unread).ToArray();
        using var lines = csv.GetEnumerator();
        while (true)
        {
            try
            {
                if (!lines.MoveNext())
                {
                    break;
                }
            }
            catch (InvalidDataException exception)
            {
                // A row of another width than the header (a torn or foreign line): the reader's message, with the file named.
                throw new FormatException($"{Path.GetFileName(file)}: {exception.Message.Split('\n')[0]}", exception);
            }

            var line = lines.Current;
            var fields = new string[columns.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = present[i] ? line[columns[i]].ToString() : "";
            }

            try
            {
                row(fields);
            }
            catch (FormatException exception)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}, line {line.LineNumberFrom}: {exception.Message}"), exception);
            }
        }
    }
}
