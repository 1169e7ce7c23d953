namespace OrleansPricing.Training.Data;

/// <summary>How to read a randomized campaign file: which column says who got the offer and what counts as success.</summary>
public sealed record CampaignSpec(
    string TreatmentColumn,
    string ControlValue,
    string OutcomeColumn,
    IReadOnlyList<string>? TreatedValues = null,
    string? RevenueColumn = null,
    string? IdColumn = null,
    IReadOnlyList<string>? ExcludedColumns = null)
{
    /// <summary>Excluded from the model inputs: ids, protected attributes, leakage.</summary>
    public IReadOnlySet<string> NonFeatureColumns =>
        new HashSet<string>(
            new[] { TreatmentColumn, OutcomeColumn, RevenueColumn, IdColumn }.OfType<string>().Concat(ExcludedColumns ?? []),
            StringComparer.Ordinal);
}
