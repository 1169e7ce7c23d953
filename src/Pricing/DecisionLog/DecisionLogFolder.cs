using System.Globalization;
using nietras.SeparatedValues;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>
/// The decision log as the silos write it: a folder of <c>decisions-*.csv</c> and <c>purchases-*.csv</c>, one pair per
/// silo (docs/decision-log.md). Reading joins them: once a decision's quote expired before <c>now</c>, it is purchased
/// when a purchase names it and not purchased otherwise; before, it is unknown, bought or not.
/// </summary>
public static class DecisionLogFolder
{
    /// <summary>
    /// Every decision of the folder, labelled as of <paramref name="now"/> (null: the newest time in the log, for a
    /// log read after the fact); a bad row throws a FormatException naming file and line.
    /// </summary>
    /// <param name="withRecentEvents">
    /// Whether to parse each decision's event window (<c>recent_events</c>). Only the sequence encoder reads it, which the
    /// learning loop does not train; left out, a run on 100,000 decisions holds some 1.6 million fewer event records.
    /// </param>
    /// <param name="since">Decisions made before this are not kept (the learning service's <c>Learning:Window</c>).</param>
    public static IReadOnlyList<DecisionRecord> Read(
        string directory, DateTimeOffset? now, TimeSpan quoteTimeToLive, bool withRecentEvents = false, DateTimeOffset? since = null)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        static IEnumerable<(string Name, string Text)> Files(string directory, string pattern) =>
            Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal).Select(file => (Path.GetFileName(file), ReadShared(file)));

        return Parse(Files(directory, "decisions-*.csv"), Files(directory, "purchases-*.csv"), now, quoteTimeToLive, withRecentEvents, since);
    }

    /// <summary>
    /// Joins decision files with purchase files (name and text each, from a folder or a blob container) and labels every
    /// decision as of <paramref name="now"/> (<paramref name="withRecentEvents"/> and <paramref name="since"/> as for <see cref="Read"/>).
    /// </summary>
    public static IReadOnlyList<DecisionRecord> Parse(
        IEnumerable<(string Name, string Text)> decisionFiles, IEnumerable<(string Name, string Text)> purchaseFiles, DateTimeOffset? now, TimeSpan quoteTimeToLive,
        bool withRecentEvents = false, DateTimeOffset? since = null)
    {
        var purchased = new HashSet<string>(StringComparer.Ordinal);
        var newest = DateTimeOffset.MinValue;
        foreach (var (name, text) in purchaseFiles)
        {
            ReadRows(name, text, DecisionLogCsv.PurchaseColumns, fields =>
            {
                var at = DateTimeOffset.TryParse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new FormatException($"column 'timestamp': '{fields[2]}' is not a timestamp.");
                purchased.Add(fields[0]);
                newest = at > newest ? at : newest;
            });
        }

        var decisions = new List<DecisionRecord>();
        foreach (var (name, text) in decisionFiles)
        {
            ReadRows(name, text, DecisionLogCsv.Columns, fields =>
            {
                var decision = DecisionLogCsv.Parse(fields, withRecentEvents);
                if (since is null || decision.Timestamp >= since)
                {
                    decisions.Add(decision);
                }
            });
        }

        // Labelled only once the quote has expired, bought or not: were a bought decision labelled at once, the newest
        // quote lifetime of the log would hold its purchases and none of its refusals, and the held-out decisions (the
        // newest) would overstate every policy's profit — with the default 15-minute quotes and hourly runs, the newest
        // quarter of each hour's decisions (arithmetic: 15 of 60 minutes).
        var asOf = now ?? decisions.Select(d => d.Timestamp).Append(newest).Max();
        return decisions.Select(d => d with
        {
            Purchased = d.Timestamp + quoteTimeToLive <= asOf ? purchased.Contains(d.DecisionId) : null,
        }).ToList();
    }

    /// <summary>A file a silo may be appending to: opened for reading while it stays open for writing.</summary>
    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads the named columns of every complete row. A silo may be appending while this reads: a last line without its
    /// line end is a row still being written and is left for the next read.
    /// </summary>
    private static void ReadRows(string file, string text, IReadOnlyList<string> columns, Action<string[]> row)
    {
        var complete = text.LastIndexOf('\n');
        if (complete < 0)
        {
            return;
        }

        using var csv = Sep.New(',').Reader(options => options with { Unescape = true }).FromText(text[..(complete + 1)]);
        var missing = columns.Where(column => !csv.Header.ColNames.Contains(column) && !DecisionLogCsv.OptionalColumns.Contains(column)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{Path.GetFileName(file)}: missing column(s) {string.Join(", ", missing)}.");
        }

        var present = columns.Select(column => csv.Header.ColNames.Contains(column)).ToArray();
        foreach (var line in csv)
        {
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
