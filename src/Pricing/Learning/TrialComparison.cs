namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// What each arm of the shadow version's trial earned, as a learning run read it: the lines each arm priced, the profit a
/// line each earned (margin if bought, every line), and the difference (shadow − active) with its bootstrap interval over
/// quotes at the promotion's confidence — counted over the lines whose level the arm decided, those either arm would have
/// quoted alike earning 0 in both (<see cref="LearningRun.TrialArms"/>), so it is not the difference of the two profits:
/// it leaves out lines that differ by chance alone. A randomized comparison no model's beliefs enter — the A/B readout
/// an admin can check the promotion rule against.
/// </summary>
public sealed record TrialComparison(
    string ShadowVersion,
    int ShadowLines,
    int ActiveLines,
    double ShadowProfitPerLine,
    double ActiveProfitPerLine,
    double Difference,
    double Lower,
    double Upper);
