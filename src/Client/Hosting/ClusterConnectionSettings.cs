namespace OrleansPricing.Client.Hosting;

/// <summary>
/// Where the cluster is, as a client and a silo both need it (the silo's own endpoint settings are the silo's). Section <c>Orleans</c>; the storage connection string is <c>ConnectionStrings:PricingStorage</c>.
/// Without a connection string everything runs on localhost clustering (one silo, in-memory storage).
/// </summary>
public sealed class ClusterConnectionSettings
{
    public const string SectionName = "Orleans";
    public const string ConnectionStringName = "PricingStorage";

    public string ClusterId { get; set; } = "orleans-pricing";
    public string ServiceId { get; set; } = "orleans-pricing";

    /// <summary>Port on which silos accept cluster clients (the standalone gateway); the silo listens on it too.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How long the standalone gateway waits for a grain call before answering 503 (Orleans' own default is 30 s).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static ClusterConnectionSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ClusterConnectionSettings>() ?? new ClusterConnectionSettings();

    public static string? StorageConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value ? value : null;
}
