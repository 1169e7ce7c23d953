using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Campaigns;

[GenerateSerializer, Alias("grains.campaign-state")]
public sealed class CampaignState
{
    [Id(0)] public CampaignDefinition? Definition { get; set; }
    [Id(1)] public bool Paused { get; set; }
    [Id(2)] public BudgetLedger Ledger { get; set; } = new();
    [Id(3)] public DualPrices Duals { get; set; } = DualPrices.Zero;
    /// <summary>Revenue of treatment sales (the arm the duals steer).</summary>
    [Id(4)] public decimal Revenue { get; set; }
    [Id(5)] public Dictionary<string, int> UnitsBySku { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public int TreatmentConversions { get; set; }
    [Id(7)] public int HoldoutConversions { get; set; }
    [Id(8)] public decimal HoldoutRevenue { get; set; }

    /// <summary>Integral parts of the duals (see <c>DualUpdate</c>) and when they were last stepped.</summary>
    [Id(9)] public DualPrices DualIntegrals { get; set; } = DualPrices.Zero;

    [Id(10)] public DateTimeOffset DualsUpdatedAt { get; set; }
}
