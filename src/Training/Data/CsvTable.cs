using System.Text;
using nietras.SeparatedValues;

namespace OrleansPricing.Training.Data;

/// <summary>
/// A CSV file read per RFC 4180 (by Sep): a UTF-8 byte-order mark is skipped, lines end in CRLF or LF, quoted fields may
/// hold commas, doubled quotes and line breaks, blank lines are skipped. Every row must have as many fields as the
/// header; errors name the file and the line where the row starts.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columnIndex;

    private CsvTable(string source, string[] header, List<string[]> rows, List<int> lines)
    {
        Source = source;
        Header = header;
        Rows = rows;
        LineNumbers = lines;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!_columnIndex.TryAdd(header[i], i))
            {
                throw CsvFormatException.At(source, 1, header[i], "the column name appears twice in the header.");
            }
        }
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The file line on which each row starts (the header is line 1).</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    public int ColumnIndex(string name) =>
        _columnIndex.TryGetValue(name, out var index)
            ? index
            : throw new CsvFormatException($"{Source}: no column '{name}'; the header has {string.Join(", ", Header)}.");

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    public static CsvTable Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Reads every row with Sep; <paramref name="source"/> names the input in error messages.</summary>
    public static CsvTable Parse(TextReader text, string source)
    {
        SepReader reader;
        try
        {
            reader = Sep.New(',').Reader(options => options with { Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (ArgumentException exception)
        {
            // Sep refuses a header that names a column twice.
            throw CsvFormatException.At(source, 1, null, exception.Message);
        }

        using (reader)
        {
            if (reader.Header.IsEmpty)
            {
                throw new CsvFormatException($"{source}: the file is empty; a header line is required.");
            }

            // A byte-order mark survives when the caller's reader did not detect the encoding.
            var header = reader.Header.ColNames.Select((name, i) => i == 0 ? name.TrimStart('\uFEFF') : name).ToArray();
            var rows = new List<string[]>();
            var lines = new List<int>();
            foreach (var row in reader)
            {
                // Before any field is read: unescaping rewrites the row's characters in place.
                if (row.Span.Count('"') % 2 != 0)
                {
                    throw CsvFormatException.At(source, row.LineNumberFrom, null, "a quoted field is never closed, or a quote stands inside an unquoted field.");
                }

                if (row.ColCount == 1 && row.Span.IsEmpty)
                {
                    continue;
                }

                if (row.ColCount != header.Length)
                {
                    throw CsvFormatException.At(source, row.LineNumberFrom, null, $"expected {header.Length} fields as in the header, found {row.ColCount}.");
                }

                var fields = new string[row.ColCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = row[i].ToString();
                }

                rows.Add(fields);
                lines.Add(row.LineNumberFrom);
            }

            return new CsvTable(source, header, rows, lines);
        }
    }
}
