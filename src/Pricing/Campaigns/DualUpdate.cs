namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Online dual update against the pacing plan: a proportional-integral step on each constraint's normalized error
/// e = (actual − planned) / total (spend vs the spend plan for λ, planned − actual revenue for ν, units vs the unit plan
/// for μ). The integral part is dual descent with step η per campaign window (4η while behind plan), projected onto [0, max]
/// (10 for λ and μ, 1 for ν): I ← clip(I + η·e·Δt/window); the price served is clip(I + κ·e). The integral finds the price at which the constraint
/// paces with the plan; the proportional part damps it (for a response whose spend halves at λ≈1 a linearized model of
/// the loop gives a damping ratio near 0.5: derived, not measured), so spend follows the plan instead of running out early or lagging. Window-relative steps
/// make the behaviour the same for a one-day and a one-month campaign.
/// </summary>
public static class DualUpdate
{
    /// <summary>η: integral gain per campaign window, per unit of normalized error.</summary>
    public const double IntegralGain = 1000;

    /// <summary>κ: proportional gain per unit of normalized error.</summary>
    public const double ProportionalGain = 40;

    /// <summary>
    /// Behind plan the integral falls this many times faster than it rises ahead of plan: money spent early is gone, money
    /// not yet spent can still be, so a price built up by a burst of orders must not hold spend back for days.
    /// </summary>
    public const double ReleaseSpeedUp = 4;

    /// <summary>Upper bound of λ and μ: at 10 a discount money unit outweighs ten of profit, which stops any discount.</summary>
    public const double MaxDual = 10;

    /// <summary>
    /// Upper bound of ν: a revenue money unit is worth at most one of profit. Lower than <see cref="MaxDual"/> on purpose:
    /// the budget is a hard limit and the revenue target a goal, so a target out of reach must not outbid the budget.
    /// </summary>
    public const double MaxRevenueDual = 1;

    /// <returns>The updated integral part and the dual price to serve.</returns>
    public static (double Integral, double Price) Step(
        double integral, double overPlan, double total, double elapsedWindowFraction, double max = MaxDual)
    {
        if (total <= 0)
        {
            return (0, 0);
        }

        var error = overPlan / total;
        var gain = error < 0 ? IntegralGain * ReleaseSpeedUp : IntegralGain;
        var next = Math.Clamp(integral + gain * error * Math.Max(0, elapsedWindowFraction), 0, max);
        return (next, Math.Clamp(next + ProportionalGain * error, 0, max));
    }
}
