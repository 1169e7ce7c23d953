namespace OrleansPricing.Pricing.Campaigns;

/// <summary>Even pacing: by time t the campaign should have spent (and sold) its total in proportion to the time elapsed.</summary>
public sealed record PacingPlan(DateTimeOffset Start, DateTimeOffset End, decimal Total)
{
    /// <summary>Campaign plans reach their total this fraction of the window before the end.</summary>
    public const double FinishEarlyFraction = 0.05;

    /// <summary>
    /// The plan a campaign is paced against: even, but complete 5% of the window before the end, so a shortfall left by a
    /// burst of large orders (and the price rise it caused) can still be made up before the campaign closes.
    /// </summary>
    public static PacingPlan ForCampaign(DateTimeOffset start, DateTimeOffset end, decimal total) =>
        new(start, start + (end - start) * (1 - FinishEarlyFraction), total);

    public double ElapsedFraction(DateTimeOffset at) =>
        End <= Start ? 1 : Math.Clamp((at - Start) / (End - Start), 0, 1);

    public decimal PlannedAt(DateTimeOffset at) => Total * (decimal)ElapsedFraction(at);
}
