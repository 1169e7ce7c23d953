using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.DecisionLog;

/// <summary>Reads a decision-log CSV (docs/decision-log.md); a bad value is reported with its line and column.</summary>
public static class DecisionLogReader
{
    /// <summary>
    /// A decision log as the cluster writes it: a folder of <c>decisions-*.csv</c> (outcome empty) and
    /// <c>purchases-*.csv</c> (decision_id,order_id,timestamp), one pair per silo. A decision is purchased when a purchase
    /// names it; not purchased once its quote expired (timestamp + <paramref name="quoteTimeToLive"/>) before the newest
    /// time in the log; unknown otherwise (its quote may still be ordered).
    /// </summary>
    public static IReadOnlyList<DecisionRecord> ReadCluster(string directory, TimeSpan quoteTimeToLive)
    {
        if (Directory.GetFiles(directory, "decisions-*.csv").Length == 0)
        {
            throw new CsvFormatException($"{directory}: no decisions-*.csv files (the silos write them to DecisionLog:Directory).");
        }

        try
        {
            // The same reader the cluster's learning service uses; after the fact, "now" is the newest time in the log.
            return DecisionLogFolder.Read(directory, now: null, quoteTimeToLive);
        }
        catch (FormatException exception)
        {
            throw new CsvFormatException(exception.Message, exception);
        }
    }

    /// <summary>The folder the silos write (<see cref="ReadCluster"/>) when <paramref name="path"/> is one, else one CSV with outcomes (<see cref="Read(string)"/>).</summary>
    public static IReadOnlyList<DecisionRecord> ReadFileOrFolder(string path, TimeSpan quoteTimeToLive) =>
        Directory.Exists(path) ? ReadCluster(path, quoteTimeToLive) : Read(path);

    public static IReadOnlyList<DecisionRecord> Read(string path)
    {
        var table = CsvTable.Read(path);
        var missing = DecisionLogCsv.Columns.Where(column => !table.HasColumn(column) && !DecisionLogCsv.OptionalColumns.Contains(column)).ToList();
        if (missing.Count > 0)
        {
            throw new CsvFormatException($"{table.Source}: not a decision log, missing column(s) {string.Join(", ", missing)}.");
        }

        var order = DecisionLogCsv.Columns.Select(column => table.HasColumn(column) ? table.ColumnIndex(column) : -1).ToArray();
        var records = new List<DecisionRecord>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            try
            {
                records.Add(DecisionLogCsv.Parse(order.Select(i => i >= 0 ? table.Rows[r][i] : "").ToArray()));
            }
            catch (FormatException exception)
            {
                throw CsvFormatException.At(table.Source, table.LineNumbers[r], null, exception.Message);
            }
        }

        return records;
    }
}
