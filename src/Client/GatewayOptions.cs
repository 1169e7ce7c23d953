using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Client;

/// <summary>Limits of the HTTP gateway. Bound from configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Larger bodies get 413 before any JSON is parsed.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Most products or events in one request.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBatchItems { get; set; } = 1000;

    /// <summary>Most SKUs priced by one quote request.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSkusPerQuote { get; set; } = 100;

    /// <summary>Most lines in one order.</summary>
    [Range(1, int.MaxValue)]
    public int MaxOrderLines { get; set; } = 100;

    /// <summary>Requests per second each API key may make (a token bucket of one second's worth); past it, 429.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerSecondPerKey { get; set; } = 20_000;

    /// <summary>
    /// Quote requests per second for one customer, per gateway (a token bucket of one second's worth); past it, 429. A
    /// customer's quotes run one at a time in its grain: a flood for one customer must not queue up there.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int QuotesPerSecondPerCustomer { get; set; } = 50;

    /// <summary>Requests per second per client address without a known key (health probes, failed sign-ins); past it, 429.</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousRequestsPerSecond { get; set; } = 100;

    /// <summary>Events stamped further than this in the future are refused: a wrong clock must not skew the features.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxEventClockSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Events stamped further than this in the past are refused: a date such as 0001-01-01 is a placeholder or a broken
    /// clock, not history (a purchase ten years old weighs 2^−40 in a 90-day decayed counter).
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(3650);
}
