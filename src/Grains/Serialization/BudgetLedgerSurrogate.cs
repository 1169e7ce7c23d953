using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Serialization;

/// <summary>The Orleans form of <see cref="BudgetLedger"/> and its leases (see <see cref="DecayedCounterSurrogate"/>).</summary>
[GenerateSerializer, Alias("grains.budget-ledger")]
public struct BudgetLedgerSurrogate
{
    [Id(0)] public decimal Budget { get; set; }
    [Id(1)] public decimal Committed { get; set; }
    [Id(2)] public Dictionary<string, BudgetLeaseSurrogate> Leases { get; set; }
    [Id(3)] public Dictionary<string, decimal> CommittedOrders { get; set; }
    [Id(4)] public List<string> CommitOrder { get; set; }
}

[GenerateSerializer, Alias("grains.budget-lease")]
public struct BudgetLeaseSurrogate
{
    [Id(0)] public string Holder { get; set; }
    [Id(1)] public decimal Amount { get; set; }
    [Id(2)] public DateTimeOffset RenewedAt { get; set; }
    [Id(3)] public List<string> CommittedQuotes { get; set; }
    [Id(4)] public decimal ReportedReserved { get; set; }
}

[RegisterConverter]
public sealed class BudgetLedgerConverter : IConverter<BudgetLedger, BudgetLedgerSurrogate>
{
    public BudgetLedger ConvertFromSurrogate(in BudgetLedgerSurrogate surrogate) => new()
    {
        Budget = surrogate.Budget,
        Committed = surrogate.Committed,
        Leases = (surrogate.Leases ?? []).ToDictionary(
            pair => pair.Key,
            pair => new BudgetLease
            {
                Holder = pair.Value.Holder,
                Amount = pair.Value.Amount,
                RenewedAt = pair.Value.RenewedAt,
                CommittedQuotes = [.. pair.Value.CommittedQuotes ?? []],
                ReportedReserved = pair.Value.ReportedReserved,
            },
            StringComparer.Ordinal),
        CommittedOrders = new Dictionary<string, decimal>(surrogate.CommittedOrders ?? [], StringComparer.Ordinal),

        // A ledger stored before the commit order was kept: its ids in no particular order, forgotten first.
        CommitOrder = surrogate.CommitOrder ?? [.. (surrogate.CommittedOrders ?? []).Keys],
    };

    public BudgetLedgerSurrogate ConvertToSurrogate(in BudgetLedger value) => new()
    {
        Budget = value.Budget,
        Committed = value.Committed,
        Leases = value.Leases.ToDictionary(
            pair => pair.Key,
            pair => new BudgetLeaseSurrogate
            {
                Holder = pair.Value.Holder,
                Amount = pair.Value.Amount,
                RenewedAt = pair.Value.RenewedAt,
                CommittedQuotes = [.. pair.Value.CommittedQuotes],
                ReportedReserved = pair.Value.ReportedReserved,
            },
            StringComparer.Ordinal),
        CommittedOrders = new Dictionary<string, decimal>(value.CommittedOrders, StringComparer.Ordinal),
        CommitOrder = [.. value.CommitOrder],
    };
}
