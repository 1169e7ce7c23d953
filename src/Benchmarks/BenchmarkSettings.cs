using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>One benchmark run's settings, as <see cref="BenchmarkCommandLine"/> parsed them.</summary>
public sealed record BenchmarkSettings(
    string Mode, TimeSpan Duration, int Concurrency, int SkusPerQuote, int Customers, string Provider, int? MaxDelayMicroseconds = null,
    int? MaxBatchRows = null, int Days = 7, int ArrivalsPerHour = 200, int Seed = 7, int Rounds = 4, int Quotes = 3000, bool Learn = true,
    int[]? NetworkLayers = null,
    string Storage = "memory",
    int WarmupSeconds = 10,
    IReadOnlyList<string>? Settings = null,
    bool Judge = false,
    bool Campaign = false,
    string HttpLoad = "in-process",
    IReadOnlyList<int>? Seeds = null,
    IReadOnlyList<string>? Worlds = null,
    int HistoryEvents = 5,
    int? Rate = null,
    string? Results = null,
    string? KindResults = null,
    int WindowHours = 336,
    bool QuotesOnly = false,
    IReadOnlyList<string>? StorefrontEvents = null,
    bool ArrivalsByBrowsing = false,
    bool PacedByBrowsing = false)
{
    /// <summary>The settings a mode reads, for the run's first line.</summary>
    public override string ToString() => Mode switch
    {
        "lease" => string.Create(CultureInfo.InvariantCulture, $"{Quotes:N0} reservations, expiries {Rate:N0} a second apart"),
        "learning" => string.Create(CultureInfo.InvariantCulture, $"{Quotes:N0} decisions, seed {Seed}"),
        "decision-log-read" => string.Create(CultureInfo.InvariantCulture, $"{Days} days of {ArrivalsPerHour:N0} decisions an hour, a window of {WindowHours} h"),
        "scoring-sharing" => $"provider {Provider}, {Duration.TotalSeconds:F0} s a measurement",
        _ => QuoteSettings(),
    };

    private string QuoteSettings() =>
        $"{(QuotesOnly ? "the quote phases only, " : "")}{Duration.TotalSeconds:F0} s per phase after {WarmupSeconds} s of warm-up, {Concurrency} concurrent callers, {SkusPerQuote} SKUs per quote, {Customers} customers with {HistoryEvents} events each, storage {(Storage is "memory" or "azurite" ? Storage : "from the connection string")}{(Campaign ? ", a campaign covering every SKU" : "")}, HTTP load {HttpLoad}{(Rate is { } rate ? $", {rate} quotes/s offered in each measured phase" : "")}";
}
