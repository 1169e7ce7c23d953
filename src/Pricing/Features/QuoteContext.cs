namespace OrleansPricing.Pricing.Features;

/// <summary>Where and when a quote is asked for.</summary>
public sealed record QuoteContext(
    string Channel,
    DateTimeOffset At)
{
    public const string Web = "web";
    public const string App = "app";
    public const string Email = "email";

    public static IReadOnlyList<string> KnownChannels { get; } = [Web, App, Email];
}
