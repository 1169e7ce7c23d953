using System.Globalization;

namespace OrleansPricing.FunctionalTests;

/// <summary>Reads a host's Prometheus text at /metrics, as a scraper does.</summary>
internal static class Prometheus
{
    /// <summary>
    /// Scrapes <paramref name="http"/>'s /metrics until <paramref name="until"/> holds of the text (the exporter caches a
    /// scrape briefly, so a figure just recorded shows on a later one), for at most 10 s; the last scrape either way.
    /// </summary>
    public static async Task<string> ScrapeAsync(HttpClient http, Func<string, bool> until)
    {
        var scrape = await http.GetStringAsync("/metrics");
        for (var attempt = 0; attempt < 100 && !until(scrape); attempt++)
        {
            await Task.Delay(100);
            scrape = await http.GetStringAsync("/metrics");
        }

        return scrape;
    }

    /// <summary>The sum of <paramref name="metric"/>'s samples that carry every one of <paramref name="labels"/>; 0 when none does.</summary>
    public static double Sum(string scrape, string metric, params (string Name, string Value)[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal)
                && labels.All(label => line.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
