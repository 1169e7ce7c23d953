namespace OrleansPricing.Pricing.Campaigns;

/// <summary>Discount budget handed to one serving holder (a silo): it may promise up to <see cref="Amount"/> without asking again.</summary>
public sealed class BudgetLease
{
    public required string Holder { get; init; }

    /// <summary>Budget still held: granted minus committed minus returned.</summary>
    public decimal Amount { get; set; }

    public DateTimeOffset RenewedAt { get; set; }

    /// <summary>Quotes of this holder that orders committed since the holder last called: it ends their reservations.</summary>
    public List<string> CommittedQuotes { get; set; } = [];

    /// <summary>What the holder said, at its last call, it had promised to open quotes (for admins; not used for accounting).</summary>
    public decimal ReportedReserved { get; set; }
}
