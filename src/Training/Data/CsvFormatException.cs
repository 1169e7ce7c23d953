namespace OrleansPricing.Training.Data;

/// <summary>A file that cannot be read as the expected CSV; the message names the file, line and column.</summary>
public sealed class CsvFormatException : Exception
{
    public CsvFormatException(string message) : base(message)
    {
    }

    public CsvFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CsvFormatException()
    {
    }

    public static CsvFormatException At(string source, int line, string? column, string problem) =>
        new(column is null ? $"{source}, line {line}: {problem}" : $"{source}, line {line}, column '{column}': {problem}");
}
