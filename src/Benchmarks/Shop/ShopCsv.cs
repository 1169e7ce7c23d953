using System.Globalization;
using nietras.SeparatedValues;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>The shop simulation's CSV files (results, kinds, lines): comma-separated, values escaped, numbers culture-invariant.</summary>
internal static class ShopCsv
{
    public static SepWriter Writer(string path) =>
        Sep.New(',').Writer(options => options with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).ToFile(path);

    /// <summary>
    /// Each row of a file the simulation wrote, as the text of <paramref name="columns"/>; FormatException naming the file
    /// and the columns it lacks (<paramref name="writtenBy"/>, the command that writes such a file, says what was expected).
    /// </summary>
    public static IReadOnlyList<ShopCsvRow> Read(string path, IReadOnlyList<string> columns, string writtenBy)
    {
        var name = Path.GetFileName(path);
        using var reader = Sep.New(',').Reader(options => options with { Unescape = true }).FromFile(path);
        var missing = columns.Where(column => !reader.Header.TryIndexOf(column, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{name}: no column {string.Join(", ", missing.Select(column => $"'{column}'"))}; is it a file that '{writtenBy}' wrote?");
        }

        var rows = new List<ShopCsvRow>();
        foreach (var row in reader)
        {
            // The row is a ref struct, out of reach of the parsers: its fields are copied first.
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                fields[column] = row[column].ToString();
            }

            rows.Add(new ShopCsvRow(fields, $"{name}, line {row.LineNumberFrom}"));
        }

        return rows;
    }
}

/// <summary>One row's fields by column, read as the types the simulation wrote; a value that is not one names its file, line and column.</summary>
internal sealed class ShopCsvRow(IReadOnlyDictionary<string, string> fields, string where)
{
    public string Text(string column) => fields[column];

    public int Whole(string column) =>
        int.TryParse(fields[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(column, "a whole number");

    public double Real(string column) =>
        double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Bad(column, "a number");

    public bool Truth(string column) => fields[column] switch { "true" => true, "false" => false, _ => throw Bad(column, "true or false") };

    private FormatException Bad(string column, string what) => new($"{where}: column '{column}': '{fields[column]}' is not {what}.");
}
