using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.FunctionalTests;

/// <summary>The embedded default — one silo, state in memory, what `dotnet run --project src/Silo` starts — as it stops.</summary>
public sealed class EmbeddedShutdownTests
{
    [Fact]
    public async Task A_silo_with_its_state_in_memory_stops_without_an_error_or_warning_for_each_customer_holding_offers()
    {
        var decisionLog = Path.Combine(Path.GetTempPath(), "pricing-embedded-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DecisionLog:Directory"] = decisionLog,
            ["Learning:Interval"] = "00:00:00",
            ["Pricing:ExplorationRate"] = "0",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var mug = new ProductDefinition("embedded-MUG", "home", 12.50m, 2.80m, 8.00m, 0.30, 100);
            Assert.True((await grains.GetGrain<IProductGrain>(mug.Sku).UpsertAsync(mug)).Applied);
            var discounted = 0;
            for (var i = 0; i < 5; i++)
            {
                var quote = await grains.GetGrain<ICustomerGrain>($"embedded-customer-{i}").QuoteAsync(new QuoteRequest([mug.Sku], "web"));
                discounted += quote.Quotes.Single().Discount > 0 ? 1 : 0;
            }

            // Each discounted quote holds the rest of its customer's daily offers ahead, to be given back as the activation ends.
            Assert.Equal(5, discounted);
            var log = host.Services.GetFakeLogCollector();
            log.Clear();
            await host.StopAsync();

            var complaints = log.GetSnapshot().Where(record => record.Level >= LogLevel.Warning)
                .Select(record => $"{record.Category}: {record.Message}").ToList();
            Assert.Empty(complaints);
        }
        finally
        {
            if (Directory.Exists(decisionLog))
            {
                Directory.Delete(decisionLog, recursive: true);
            }
        }
    }
}
