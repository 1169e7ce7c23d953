using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Customers;

/// <summary>
/// This silo's newest quote lines (a ring of <see cref="RecentQuotesOptions.PerSilo"/>), reported to
/// <see cref="IRecentQuotesGrain"/> when they changed, every <see cref="RecentQuotesOptions.ReportInterval"/>. Adding a
/// line is a lock and an array store: the quote path never waits on the report.
/// </summary>
public sealed class RecentQuotes(IGrainFactory grains, ILocalSiloDetails silo, IOptions<RecentQuotesOptions> options, TimeProvider time)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly RecentQuote[] _ring = new RecentQuote[options.Value.PerSilo];
    private long _added;
    private long _reported;

    public string Silo => silo.Name;

    public void Add(RecentQuote quote)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            _ring[_added++ % _ring.Length] = quote;
        }
    }

    /// <summary>The lines kept now, newest first.</summary>
    public IReadOnlyList<RecentQuote> Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_added, _ring.Length);
            var lines = new RecentQuote[count];
            for (var i = 0; i < count; i++)
            {
                lines[i] = _ring[(_added - 1 - i) % _ring.Length];
            }

            return lines;
        }
    }

    /// <summary>Reports the kept lines if any were added since the last report.</summary>
    public async Task ReportAsync()
    {
        long added;
        lock (_lock)
        {
            added = _added;
        }

        if (added == _reported)
        {
            return;
        }

        await grains.GetGrain<IRecentQuotesGrain>(IRecentQuotesGrain.Key).ReportAsync(silo.Name, Snapshot());
        _reported = added;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReportInterval, time, stoppingToken);
                await ReportAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException)
            {
                // The cluster may be joining or losing a silo: the next tick reports again.
            }
        }
    }
}
