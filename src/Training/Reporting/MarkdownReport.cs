using System.Globalization;
using System.Text;

namespace OrleansPricing.Training.Reporting;

/// <summary>Builds the run report as Markdown: headings, paragraphs, tables, images.</summary>
public sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();

    public MarkdownReport Heading(string text, int level = 2)
    {
        _text.AppendLine().Append('#', level).Append(' ').AppendLine(text).AppendLine();
        return this;
    }

    public MarkdownReport Paragraph(string text)
    {
        _text.AppendLine(text).AppendLine();
        return this;
    }

    public MarkdownReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        _text.Append('|').AppendJoin("|", header.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        _text.AppendLine();
        return this;
    }

    public MarkdownReport Image(string alt, string file)
    {
        _text.Append("![").Append(alt).Append("](").Append(file).AppendLine(")").AppendLine();
        return this;
    }

    public static string Number(double value, string format = "F4") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public void Save(string path) => File.WriteAllText(path, _text.ToString());

    public override string ToString() => _text.ToString();
}
