namespace OrleansPricing.Training.Learning;

/// <summary>IPW-estimated value per customer (profit or revenue) of the targeting policy and the two uniform policies.</summary>
public sealed record PolicyComparison(
    string Objective,
    double Fraction,
    double Policy,
    double All,
    double None,
    double StandardErrorVersusAll,
    double StandardErrorVersusNone,
    IReadOnlyList<(double Fraction, double Value)> CrossValidatedCurve,
    IReadOnlyList<(double Fraction, double Value)> TestCurve)
{
    /// <summary>Says plainly whether targeting beat both alternatives, and whether by more than twice the bootstrap standard error.</summary>
    public string Verdict()
    {
        if (Fraction == 0 || Fraction == 1)
        {
            return FormattableString.Invariant(
                $"**{Objective}:** the best share found on the tuning part is {Fraction:P0}: targeting does not beat the better uniform policy here; ") +
                FormattableString.Invariant($"coupon-for-{(Fraction == 0 ? "none" : "all")} is the recommendation ({Policy:F3} per customer vs {(Fraction == 0 ? All : None):F3}).");
        }

        var versusAll = Policy - All;
        var versusNone = Policy - None;
        var beatsBoth = versusAll > 0 && versusNone > 0;
        var clear = versusAll > 2 * StandardErrorVersusAll && versusNone > 2 * StandardErrorVersusNone;
        return FormattableString.Invariant(
            $"**{Objective}:** targeting {(beatsBoth ? "beats" : "does not beat")} both coupon-for-all ({versusAll:+0.000;-0.000;0.000} per customer, bootstrap s.e. {StandardErrorVersusAll:F3}) ") +
            FormattableString.Invariant($"and coupon-for-none ({versusNone:+0.000;-0.000;0.000}, s.e. {StandardErrorVersusNone:F3}) on the held-out customers") +
            (beatsBoth ? (clear ? ", by more than two standard errors." : ", but not by two standard errors: the gain is within noise.") : ".");
    }
}
