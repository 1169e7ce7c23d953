namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// The shadow version's trial as a run read it: lines each arm priced, profit a line each earned (every line), and the
/// difference (shadow − active) with its interval at the promotion's confidence, counted over the lines whose level the
/// arm decided (lines either arm would have quoted alike earn 0 in both, so it is not the difference of the two profits).
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.trial-comparison-view")]
public sealed record TrialComparisonView(
    [property: Id(0)] string ShadowModel,
    [property: Id(1)] int ShadowLines,
    [property: Id(2)] int ActiveLines,
    [property: Id(3)] double ShadowProfitPerLine,
    [property: Id(4)] double ActiveProfitPerLine,
    [property: Id(5)] double Difference,
    [property: Id(6)] double DifferenceLower,
    [property: Id(7)] double DifferenceUpper);
