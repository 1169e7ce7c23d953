using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.DecisionLog;

/// <summary>Reads a decision-log CSV (docs/decision-log.md); a bad value is reported with its line and column.</summary>
public static class DecisionLogReader
{
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
