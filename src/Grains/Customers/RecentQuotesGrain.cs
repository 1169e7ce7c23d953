using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Customers;

/// <summary>Holds each silo's last report of its newest quote lines, in memory only.</summary>
public sealed class RecentQuotesGrain : Grain, IRecentQuotesGrain
{
    private readonly Dictionary<string, IReadOnlyList<RecentQuote>> _bySilo = new(StringComparer.Ordinal);

    public Task ReportAsync(string silo, IReadOnlyList<RecentQuote> quotes)
    {
        _bySilo[silo] = quotes;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RecentQuote>> GetAsync(int limit) =>
        Task.FromResult<IReadOnlyList<RecentQuote>>(
            [.. _bySilo.Values.SelectMany(quotes => quotes).OrderByDescending(quote => quote.At).ThenBy(quote => quote.CustomerId, StringComparer.Ordinal).Take(limit)]);
}
