namespace OrleansPricing.Pricing.Features;

/// <summary>Where and when a quote is asked for.</summary>
[GenerateSerializer, Immutable, Alias("pricing.quote-context")]
public sealed record QuoteContext(
    [property: Id(0)] string Channel,
    [property: Id(1)] DateTimeOffset At)
{
    public const string Web = "web";
    public const string App = "app";
    public const string Email = "email";

    public static IReadOnlyList<string> KnownChannels { get; } = [Web, App, Email];
}
