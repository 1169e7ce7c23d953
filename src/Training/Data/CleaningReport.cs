namespace OrleansPricing.Training.Data;

/// <summary>How many rows and values each cleaning rule touched.</summary>
public sealed class CleaningReport
{
    public int RowsRead { get; set; }
    public int DuplicatesRemoved { get; set; }

    /// <summary>Rows equal in every field to an earlier row (kept unless row de-duplication was asked for).</summary>
    public int ExactDuplicateRows { get; set; }
    public int RowsWithoutTreatmentOrOutcome { get; set; }
    public int RowsKept { get; set; }
    public Dictionary<string, int> MissingImputed { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> OutliersClipped { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> MissingCategory { get; } = new(StringComparer.Ordinal);

    public IEnumerable<(string Rule, string Column, int Count)> Lines()
    {
        yield return ("rows read", "", RowsRead);
        yield return ("rows equal in every field to an earlier row (kept unless --dedupe-rows)", "", ExactDuplicateRows);
        yield return ("duplicate rows removed (same id, or same whole row with --dedupe-rows)", "", DuplicatesRemoved);
        yield return ("rows dropped: treatment or outcome missing or unknown", "", RowsWithoutTreatmentOrOutcome);
        foreach (var (column, count) in MissingImputed.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return ("missing number set to the column median", column, count);
        }

        foreach (var (column, count) in MissingCategory.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return ("missing category kept as its own level '(missing)'", column, count);
        }

        foreach (var (column, count) in OutliersClipped.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return ("outlier clipped to the 1st/99th percentile", column, count);
        }

        yield return ("rows kept", "", RowsKept);
    }
}
