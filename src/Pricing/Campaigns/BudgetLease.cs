namespace OrleansPricing.Pricing.Campaigns;

/// <summary>Discount budget handed to one serving holder (a silo): it may promise up to <see cref="Amount"/> without asking again.</summary>
[GenerateSerializer, Alias("pricing.budget-lease")]
public sealed class BudgetLease
{
    [Id(0)] public required string Holder { get; init; }

    /// <summary>Budget still held: granted minus committed minus returned.</summary>
    [Id(1)] public decimal Amount { get; set; }

    [Id(2)] public DateTimeOffset RenewedAt { get; set; }

    /// <summary>Quotes of this holder that orders committed since the holder last called: it ends their reservations.</summary>
    [Id(3)] public List<string> CommittedQuotes { get; set; } = [];

    /// <summary>What the holder said, at its last call, it had promised to open quotes (for admins; not used for accounting).</summary>
    [Id(4)] public decimal ReportedReserved { get; set; }
}
