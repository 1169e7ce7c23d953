namespace OrleansPricing.Contracts.Customers;

/// <summary>
/// The newest quote lines of every silo (one instance, key <see cref="Key"/>), for the admin console. Each silo reports
/// its own newest lines every few seconds; nothing is persisted, since a silo's next report rebuilds the view.
/// </summary>
[Alias("contracts.recent-quotes")]
public interface IRecentQuotesGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Replaces what <paramref name="silo"/> reported before with its newest lines.</summary>
    [Alias("report")]
    Task ReportAsync(string silo, IReadOnlyList<RecentQuote> quotes);

    /// <summary>The newest <paramref name="limit"/> lines across the silos, newest first.</summary>
    [Alias("get")]
    Task<IReadOnlyList<RecentQuote>> GetAsync(int limit);
}
