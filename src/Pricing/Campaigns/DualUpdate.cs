namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Online dual update against the pacing plan: a proportional-integral step on each constraint's normalized error
/// e = (actual − planned) / total (spend vs the spend plan for λ, planned − actual revenue for ν, units vs the unit plan
/// for μ). The integral part is dual descent with step η per campaign window, projected onto [0, max]:
/// I ← clip(I + η·e·Δt/window); the price served is clip(I + κ·e). The integral finds the price at which the constraint
/// paces with the plan; the proportional part damps it (for a response whose spend halves at λ≈1 the pair below gives a
/// damping ratio near 0.5), so spend follows the plan instead of running out early or lagging. Window-relative steps
/// make the behaviour the same for a one-day and a one-month campaign.
/// </summary>
public static class DualUpdate
{
    /// <summary>η: integral gain per campaign window, per unit of normalized error.</summary>
    public const double IntegralGain = 1000;

    /// <summary>κ: proportional gain per unit of normalized error.</summary>
    public const double ProportionalGain = 40;

    /// <summary>Upper bound of every dual: at 5 a discount money unit (λ) or a revenue unit (ν) outweighs five of profit.</summary>
    public const double MaxDual = 5;

    /// <returns>The updated integral part and the dual price to serve.</returns>
    public static (double Integral, double Price) Step(double integral, double overPlan, double total, double elapsedWindowFraction)
    {
        if (total <= 0)
        {
            return (0, 0);
        }

        var error = overPlan / total;
        var next = Math.Clamp(integral + IntegralGain * error * Math.Max(0, elapsedWindowFraction), 0, MaxDual);
        return (next, Math.Clamp(next + ProportionalGain * error, 0, MaxDual));
    }
}
