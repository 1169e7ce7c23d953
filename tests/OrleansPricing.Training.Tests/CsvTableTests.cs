using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Tests;

public sealed class CsvTableTests
{
    private static CsvTable Parse(string text) => CsvTable.Parse(new StringReader(text), "test.csv");

    [Fact]
    public void Reads_bom_crlf_and_quoted_fields()
    {
        var table = Parse("\uFEFFid,name,note\r\n1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n2,Lee,\"two\nlines\"\r\n\r\n");

        Assert.Equal(["id", "name", "note"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["1", "Smith, Jo", "said \"hi\""], table.Rows[0]);
        Assert.Equal("two\nlines", table.Rows[1][2]);
        Assert.Equal([2, 3], table.LineNumbers);
    }

    [Fact]
    public void Wrong_field_count_names_the_line()
    {
        var error = Assert.Throws<CsvFormatException>(() => Parse("a,b,c\n1,2,3\n4,5\n"));

        Assert.Equal("test.csv, line 3: expected 3 fields as in the header, found 2.", error.Message);
    }

    [Fact]
    public void Unclosed_quote_names_the_line_where_the_record_starts()
    {
        var error = Assert.Throws<CsvFormatException>(() => Parse("a,b\n1,2\n3,\"open\n"));

        Assert.Equal("test.csv, line 3: a quoted field is never closed, or a quote stands inside an unquoted field.", error.Message);
    }

    [Fact]
    public void Duplicate_column_and_unknown_column_are_reported_by_name()
    {
        Assert.Contains("'a'", Assert.Throws<CsvFormatException>(() => Parse("a,a\n1,2\n")).Message);
        Assert.Contains("no column 'z'", Assert.Throws<CsvFormatException>(() => Parse("a,b\n1,2\n").ColumnIndex("z")).Message);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field_names_its_line()
    {
        var error = Assert.Throws<CsvFormatException>(() => Parse("a,b\n1,2\n3,x\"y\n"));

        Assert.Equal("test.csv, line 3: a quoted field is never closed, or a quote stands inside an unquoted field.", error.Message);
    }
}
