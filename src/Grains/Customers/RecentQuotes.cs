using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Customers;

/// <summary>
/// This silo's newest quote lines (a ring of <see cref="RecentQuotesOptions.PerSilo"/>), reported to
/// <see cref="IRecentQuotesGrain"/> when they changed, every <see cref="RecentQuotesOptions.ReportInterval"/>. Adding a
/// line is an interlocked increment and an array store: the quote path never waits on the report or on other quotes.
/// </summary>
public sealed class RecentQuotes(IGrainFactory grains, ILocalSiloDetails silo, IOptions<RecentQuotesOptions> options, TimeProvider time)
    : BackgroundService
{
    private readonly RecentQuote[] _ring = new RecentQuote[options.Value.PerSilo];
    private long _added;
    private long _reported;

    public string Silo => silo.Name;

    /// <summary>Claims the next slot and stores the line: no lock on the quote path (a reference store is atomic).</summary>
    public void Add(RecentQuote quote)
    {
        if (_ring.Length > 0)
        {
            Volatile.Write(ref _ring[(Interlocked.Increment(ref _added) - 1) % _ring.Length], quote);
        }
    }

    /// <summary>The lines kept now, newest first (a line added meanwhile may or may not be in it).</summary>
    public IReadOnlyList<RecentQuote> Snapshot()
    {
        var added = Interlocked.Read(ref _added);
        var count = (int)Math.Min(added, _ring.Length);
        var lines = new List<RecentQuote>(count);
        for (var i = 0; i < count; i++)
        {
            if (Volatile.Read(ref _ring[(added - 1 - i) % _ring.Length]) is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Reports the kept lines if any were added since the last report.</summary>
    public async Task ReportAsync()
    {
        var added = Interlocked.Read(ref _added);
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
