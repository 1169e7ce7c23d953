namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Online dual descent against the pacing plan. Each update moves a dual by its constraint's normalized violation,
/// projected onto [0, max]: λ ← clip(λ + η·(spent − planned spend)/budget), ν ← clip(ν + η·(planned revenue − revenue)/target),
/// μ_sku ← clip(μ + η·(sold − planned units)/inventory) with η the step size (default 2) — a price rises while its
/// constraint runs ahead of plan and decays back to 0 when behind, so spend follows the plan rather than running out early.
/// </summary>
public static class DualUpdate
{
    public const double DefaultStep = 2.0;
    public const double MaxDual = 50;

    public static double Step(double current, double overPlan, double scale, double step = DefaultStep) =>
        scale <= 0 ? current : Math.Clamp(current + step * overPlan / scale, 0, MaxDual);
}
