using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.FunctionalTests;

/// <summary>The embedded default — one silo, state in memory, what `dotnet run --project src/Silo` starts — as it stops and starts again.</summary>
public sealed class EmbeddedShutdownTests : IDisposable
{
    private readonly string _decisionLog = Path.Combine(Path.GetTempPath(), "pricing-embedded-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_decisionLog))
        {
            Directory.Delete(_decisionLog, recursive: true);
        }
    }

    [Fact]
    public async Task A_silo_with_its_state_in_memory_stops_without_an_error_or_warning_for_each_customer_holding_offers()
    {
        using var host = await StartAsync();

        // Each discounted quote holds the rest of its customer's daily offers ahead, to be given back as the activation ends.
        Assert.Equal(5, await QuoteAsync(host, "embedded-customer", 5));
        var log = host.Services.GetFakeLogCollector();
        log.Clear();
        await host.StopAsync();

        Assert.Empty(log.GetSnapshot().Where(record => record.Level >= LogLevel.Warning).Select(record => $"{record.Category}: {record.Message}"));
    }

    [Fact]
    public async Task Started_again_it_sets_the_decision_log_of_the_start_before_aside_with_the_models_and_customers_that_went_with_it()
    {
        using (var first = await StartAsync())
        {
            await QuoteAsync(first, "first-start", 3);
            await first.StopAsync();
        }

        using var second = await StartAsync();
        await QuoteAsync(second, "second-start", 2);
        await second.StopAsync();

        var now = DateTimeOffset.UtcNow.AddDays(1);
        Assert.Equal(2, DecisionLogFolder.Read(_decisionLog, now, TimeSpan.FromMinutes(15)).Count);
        var earlier = Assert.Single(Directory.GetDirectories(Path.Combine(_decisionLog, FolderDecisionLogStore.EarlierFolder)));
        Assert.Equal(3, DecisionLogFolder.Read(earlier, now, TimeSpan.FromMinutes(15)).Count);
    }

    private async Task<IHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DecisionLog:Directory"] = _decisionLog,
            ["Learning:Interval"] = "00:00:00",
            ["Pricing:ExplorationRate"] = "0",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <returns>How many of the quotes were discounted: one a customer, each for a high-margin item the shipped prior discounts.</returns>
    private static async Task<int> QuoteAsync(IHost host, string customerPrefix, int customers)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var mug = new ProductDefinition("embedded-MUG", "home", 12.50m, 2.80m, 8.00m, 0.30, 100);
        Assert.True((await grains.GetGrain<IProductGrain>(mug.Sku).UpsertAsync(mug)).Applied);
        var discounted = 0;
        for (var i = 0; i < customers; i++)
        {
            var quote = await grains.GetGrain<ICustomerGrain>($"{customerPrefix}-{i}").QuoteAsync(new QuoteRequest([mug.Sku], "web"));
            discounted += quote.Quotes.Single().Discount > 0 ? 1 : 0;
        }

        return discounted;
    }
}
