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
        var decisionFiles = Directory.GetFiles(directory, "decisions-*.csv").Order(StringComparer.Ordinal).ToList();
        if (decisionFiles.Count == 0)
        {
            throw new CsvFormatException($"{directory}: no decisions-*.csv files (the silos write them to DecisionLog:Directory).");
        }

        var decisions = decisionFiles.SelectMany(Read).ToList();
        var purchased = new HashSet<string>(StringComparer.Ordinal);
        var newest = decisions.Count == 0 ? DateTimeOffset.MinValue : decisions.Max(d => d.Timestamp);
        foreach (var file in Directory.GetFiles(directory, "purchases-*.csv").Order(StringComparer.Ordinal))
        {
            var table = CsvTable.Read(file);
            foreach (var column in DecisionLogCsv.PurchaseColumns.Where(column => !table.HasColumn(column)))
            {
                throw new CsvFormatException($"{table.Source}: not a purchases file, missing column {column}.");
            }

            var (id, at) = (table.ColumnIndex("decision_id"), table.ColumnIndex("timestamp"));
            for (var r = 0; r < table.Rows.Count; r++)
            {
                if (!DateTimeOffset.TryParse(table.Rows[r][at], System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var timestamp))
                {
                    throw CsvFormatException.At(table.Source, table.LineNumbers[r], "timestamp", $"'{table.Rows[r][at]}' is not a timestamp.");
                }

                purchased.Add(table.Rows[r][id]);
                newest = timestamp > newest ? timestamp : newest;
            }
        }

        return decisions.Select(d => d with
        {
            Purchased = purchased.Contains(d.DecisionId) ? true : d.Timestamp + quoteTimeToLive <= newest ? false : null,
        }).ToList();
    }

    public static IReadOnlyList<DecisionRecord> Read(string path)
    {
        var table = CsvTable.Read(path);
        var missing = DecisionLogCsv.Columns.Where(column => !table.HasColumn(column)).ToList();
        if (missing.Count > 0)
        {
            throw new CsvFormatException($"{table.Source}: not a decision log, missing column(s) {string.Join(", ", missing)}.");
        }

        var order = DecisionLogCsv.Columns.Select(table.ColumnIndex).ToArray();
        var records = new List<DecisionRecord>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            try
            {
                records.Add(DecisionLogCsv.Parse(order.Select(i => table.Rows[r][i]).ToArray()));
            }
            catch (FormatException exception)
            {
                throw CsvFormatException.At(table.Source, table.LineNumbers[r], null, exception.Message);
            }
        }

        return records;
    }
}
