namespace OrleansPricing.Silo.Hosting;

/// <summary>What this silo process serves besides grains. Section <c>Silo</c>.</summary>
public sealed class SiloHostSettings
{
    public const string SectionName = "Silo";

    /// <summary>Serve the HTTP API from this process too (the single-process default). Off for silos behind a separate gateway.</summary>
    public bool CoHostGateway { get; set; } = true;

    /// <summary>Define the demo catalog at start (only SKUs not defined yet). On by default without external storage.</summary>
    public bool? SeedDemoCatalog { get; set; }

    public static SiloHostSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<SiloHostSettings>() ?? new SiloHostSettings();
}
