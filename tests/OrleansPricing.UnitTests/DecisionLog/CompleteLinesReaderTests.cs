using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class CompleteLinesReaderTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a row still being written", "")]
    [InlineData("header\n", "header\n")]
    [InlineData("header\nrow 1\nrow 2 still being wri", "header\nrow 1\n")]
    [InlineData("header\r\nrow 1\r\n", "header\r\nrow 1\r\n")]
    public void It_reads_up_to_the_last_line_end(string text, string expected)
    {
        using var reader = new CompleteLinesReader(new StringReader(text));

        Assert.Equal(expected, reader.ReadToEnd());
    }

    [Fact]
    public void Lines_longer_than_its_buffer_and_reads_of_any_size_give_the_same_text()
    {
        // Lines of up to 200,000 characters against a 64 KiB buffer, the last one cut; read a character, then 7, then 4,096 at a time.
        var random = new Random(3);
        var lines = Enumerable.Range(0, 12).Select(i => new string((char)('a' + (i % 26)), random.Next(0, 200_000))).ToList();
        var text = string.Concat(lines.Select(line => line + "\n")) + "torn";
        foreach (var size in new[] { 1, 7, 4096 })
        {
            using var reader = new CompleteLinesReader(new StringReader(text));
            var read = new System.Text.StringBuilder();
            var buffer = new char[size];
            for (int count; (count = reader.Read(buffer, 0, size)) > 0;)
            {
                read.Append(buffer, 0, count);
            }

            Assert.Equal(text[..^"torn".Length], read.ToString());
        }
    }
}
