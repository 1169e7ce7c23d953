namespace OrleansPricing.Client.Hosting;

/// <summary>
/// Where the cluster is. Section <c>Orleans</c>; the storage connection string is <c>ConnectionStrings:PricingStorage</c>.
/// Without a connection string everything runs on localhost clustering (one silo, in-memory storage).
/// </summary>
public sealed class ClusterConnectionSettings
{
    public const string SectionName = "Orleans";
    public const string ConnectionStringName = "PricingStorage";

    public string ClusterId { get; set; } = "orleans-pricing";
    public string ServiceId { get; set; } = "orleans-pricing";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port on which the silo accepts cluster clients (the standalone gateway).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address (or resolvable host name) a silo advertises to the others; loopback for a one-machine cluster.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only the advertised address (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }

    public static ClusterConnectionSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ClusterConnectionSettings>() ?? new ClusterConnectionSettings();

    public static string? StorageConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value ? value : null;
}
