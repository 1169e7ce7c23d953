namespace OrleansPricing.Training.Data;

/// <summary>How to read a randomized campaign file: which column says who got the offer and what counts as success.</summary>
/// <param name="DedupeRows">
/// Drop rows equal in every field to an earlier one. Off by default: without an id, different customers can share every
/// attribute, so such rows are kept and only counted.
/// </param>
/// <param name="CategoricalColumns">Columns read as categories even when every value is a number (codes such as 1–5 for a channel).</param>
public sealed record CampaignSpec(
    string TreatmentColumn,
    string ControlValue,
    string OutcomeColumn,
    IReadOnlyList<string>? TreatedValues = null,
    string? RevenueColumn = null,
    string? IdColumn = null,
    IReadOnlyList<string>? ExcludedColumns = null,
    bool DedupeRows = false,
    IReadOnlyList<string>? CategoricalColumns = null)
{
    /// <summary>Excluded from the model inputs: ids, protected attributes, leakage.</summary>
    public IReadOnlySet<string> NonFeatureColumns =>
        new HashSet<string>(
            new[] { TreatmentColumn, OutcomeColumn, RevenueColumn, IdColumn }.OfType<string>().Concat(ExcludedColumns ?? []),
            StringComparer.Ordinal);
}
