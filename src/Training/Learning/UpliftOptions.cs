using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Learning;

/// <param name="Margin">Gross margin at list price, used for profit: cost = list price × (1 − margin).</param>
/// <param name="TestPath">A held-out file of the same campaign to judge on instead of an internal stratified fifth.</param>
/// <param name="Discount">The offer's discount as a fraction of list price (Artea's coupon: 0.2).</param>
public sealed record UpliftOptions(
    string InputPath,
    CampaignSpec Spec,
    string OutputDirectory,
    double Margin = 0.5,
    double Discount = 0.2,
    int Folds = 5,
    int Seed = 42,
    IReadOnlyList<string>? Families = null,
    string? ProtectedPath = null,
    string? ProtectedIdColumn = null,
    IReadOnlyList<string>? ProtectedColumns = null,
    string? TestPath = null);
