using System.Text.Json;
using OrleansPricing.Contracts.Products;

namespace OrleansPricing.Silo.Hosting;

/// <summary>
/// Defines the demo catalog (demo-catalog.json) once the silo is up, so `dotnet run` quotes real products at once.
/// SKUs already defined are left alone: restarting against persistent storage never resets inventory.
/// </summary>
public sealed class DemoCatalogSeeder(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DemoCatalogSeeder> logger)
    : IHostedService
{
    public const string CatalogFile = "demo-catalog.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = SeedAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IReadOnlyList<ProductDefinition> LoadCatalog()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, CatalogFile));
        return JsonSerializer.Deserialize<List<ProductDefinition>>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{CatalogFile} is empty.");
    }

    private async Task SeedAsync()
    {
        try
        {
            var seeded = 0;
            foreach (var product in LoadCatalog())
            {
                var grain = grains.GetGrain<IProductGrain>(product.Sku);
                if (await grain.GetAsync() is null && (await grain.UpsertAsync(product)).Applied)
                {
                    seeded++;
                }
            }

            SiloLog.DemoCatalogSeeded(logger, seeded);
        }
        catch (Exception exception) when (exception is IOException or JsonException or OrleansException or TimeoutException)
        {
            SiloLog.DemoCatalogFailed(logger, exception);
        }
    }
}
