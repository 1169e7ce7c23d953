namespace OrleansPricing.Silo.Hosting;

/// <summary>
/// How this silo is reached by the others; read from section <c>Orleans</c> beside the cluster settings the gateway
/// shares (<see cref="OrleansPricing.Client.Hosting.ClusterConnectionSettings"/>).
/// </summary>
public sealed class SiloEndpointSettings
{
    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Address (or resolvable host name) a silo advertises to the others; loopback for a one-machine cluster.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only the advertised address (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }

    public static SiloEndpointSettings From(IConfiguration configuration) =>
        configuration.GetSection(OrleansPricing.Client.Hosting.ClusterConnectionSettings.SectionName).Get<SiloEndpointSettings>() ?? new SiloEndpointSettings();
}
