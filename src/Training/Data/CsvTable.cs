using System.Text;

namespace OrleansPricing.Training.Data;

/// <summary>
/// A CSV file read per RFC 4180: a UTF-8 byte-order mark is skipped, lines end in CRLF or LF, quoted fields may hold
/// commas, doubled quotes and line breaks. Every row must have as many fields as the header.
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

    public static CsvTable Parse(TextReader reader, string source)
    {
        var records = new List<(string[] Fields, int Line)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw CsvFormatException.At(source, line, null, $"a quote inside an unquoted field (field {fields.Count + 1}).");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw CsvFormatException.At(source, line, null, $"text after a closing quote (field {fields.Count + 1}).");
                    }

                    field.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            throw CsvFormatException.At(source, recordLine, null, "a quoted field is never closed.");
        }

        EndRecord();
        if (records.Count == 0)
        {
            throw new CsvFormatException($"{source}: the file is empty; a header line is required.");
        }

        var header = records[0].Fields.Select(name => name.Trim().TrimStart('\uFEFF')).ToArray();
        var rows = new List<string[]>(records.Count - 1);
        var lines = new List<int>(records.Count - 1);
        foreach (var (values, at) in records.Skip(1))
        {
            if (values.Length != header.Length)
            {
                throw CsvFormatException.At(source, at, null, $"expected {header.Length} fields as in the header, found {values.Length}.");
            }

            rows.Add(values);
            lines.Add(at);
        }

        return new CsvTable(source, header, rows, lines);

        void EndRecord()
        {
            if (fields.Count == 0 && field.Length == 0 && !fieldWasQuoted)
            {
                return; // blank line
            }

            fields.Add(field.ToString());
            records.Add((fields.ToArray(), recordLine));
            fields.Clear();
            field.Clear();
            fieldWasQuoted = false;
        }
    }
}
