using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Grains.Customers;

/// <summary>Section <c>RecentQuotes</c>: how many of its newest quote lines a silo keeps for the admin console, and how often it reports them.</summary>
public sealed class RecentQuotesOptions
{
    public const string SectionName = "RecentQuotes";

    [Range(0, 1_000)]
    public int PerSilo { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);
}
