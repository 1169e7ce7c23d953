using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Campaigns;

[GenerateSerializer, Alias("grains.campaign-state")]
public sealed class CampaignState
{
    [Id(0)] public CampaignDefinition? Definition { get; set; }
    [Id(1)] public bool Paused { get; set; }
    [Id(2)] public BudgetLedger Ledger { get; set; } = new();
    [Id(3)] public CampaignDuals Duals { get; set; } = CampaignDuals.Zero;
    /// <summary>Revenue of treatment sales (the arm the duals steer).</summary>
    [Id(4)] public decimal Revenue { get; set; }
    [Id(5)] public Dictionary<string, int> UnitsBySku { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public int TreatmentConversions { get; set; }
    [Id(7)] public int HoldoutConversions { get; set; }
    [Id(8)] public decimal HoldoutRevenue { get; set; }

    /// <summary>
    /// Integral parts of the duals (see <c>DualUpdate</c>) and when they were last stepped. Plain fields, not a second
    /// <see cref="DualPrices"/>: the JSON grain storage tracks references by value equality, and two equal records in
    /// one state do not survive a round trip.
    /// </summary>
    [Id(9)] public double LambdaIntegral { get; set; }

    [Id(10)] public double NuIntegral { get; set; }

    [Id(11)] public Dictionary<string, double> MuIntegrals { get; set; } = new(StringComparer.Ordinal);

    [Id(12)] public DateTimeOffset DualsUpdatedAt { get; set; }

    /// <summary>Spend over time for the pacing chart: the last change in each of <see cref="SpendHistoryPoints"/> slices of the window.</summary>
    [Id(13)] public List<SpendPoint> SpendHistory { get; set; } = [];

    public const int SpendHistoryPoints = 200;
}
