namespace OrleansPricing.Silo.Hosting;

/// <summary>What this silo process serves besides grains. Section <c>Silo</c>.</summary>
public sealed class SiloHostSettings
{
    public const string SectionName = "Silo";

    /// <summary>Serve the HTTP API from this process too (the single-process default). Off for silos behind a separate gateway.</summary>
    public bool CoHostGateway { get; set; } = true;

    /// <summary>Define the demo catalog at start (only SKUs not defined yet). On by default without external storage.</summary>
    public bool? SeedDemoCatalog { get; set; }

    /// <summary>Run without storage (state in memory, lost with the process) outside the Development environment too.</summary>
    public bool AllowInMemoryStorage { get; set; }

    /// <summary>
    /// Why this silo must not start, or null: without storage it keeps every grain's state in memory, right for
    /// <c>dotnet run</c> (Development) but never to happen by accident in production.
    /// </summary>
    public string? InMemoryRefusal(bool hasStorage, string environment) =>
        hasStorage || AllowInMemoryStorage || environment == "Development"
            ? null
            : $"No storage is configured (ConnectionStrings:PricingStorage) and the environment is {environment}: every grain's state would live in memory and be lost with the process. Configure storage, or set Silo:AllowInMemoryStorage=true to run in memory on purpose.";

    public static SiloHostSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<SiloHostSettings>() ?? new SiloHostSettings();
}
