namespace OrleansPricing.Contracts.Customers;

/// <summary>The channels a quote may be asked for on; the feature definition encodes exactly these (a test holds the two together).</summary>
public static class QuoteChannels
{
    public const string Web = "web";
    public const string App = "app";
    public const string Email = "email";

    public static IReadOnlyList<string> Known { get; } = [Web, App, Email];
}
