namespace OrleansPricing.Pricing.Campaigns;

/// <summary>Even pacing: by time t the campaign should have spent (and sold) its total in proportion to the window elapsed.</summary>
public sealed record PacingPlan(DateTimeOffset Start, DateTimeOffset End, decimal Total)
{
    public double ElapsedFraction(DateTimeOffset at) =>
        End <= Start ? 1 : Math.Clamp((at - Start) / (End - Start), 0, 1);

    public decimal PlannedAt(DateTimeOffset at) => Total * (decimal)ElapsedFraction(at);
}
