using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// A silo whose decision log is off, or could not be opened, explores nothing: a draw costs profit, and with no log
/// nothing learns from it. Operators see which on the silo's health report and /metrics. The logged side of the same
/// rule (half the lines drawn at ε = 0.5) is <see cref="ModelPricedPurchaseTests"/>' and the quote policy's unit tests'.
/// </summary>
[Trait("Requires", "Azurite")]
public sealed class UnloggedQuoteTests : IAsyncLifetime
{
    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task With_the_decision_log_off_no_line_is_explored()
    {
        var host = await StartSiloAsync(directory: "");

        Assert.Null(host.Services.GetRequiredService<DecisionLogWriter>().Store);
        await AssertNothingExploredAsync(host, "off");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["decisionLog"].Status);
        Assert.StartsWith("The decision log is off", report.Entries["decisionLog"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_decision_log_cannot_be_opened_is_degraded_and_explores_nothing()
    {
        // A folder under a file: creating it fails, as a full or read-only disk would.
        var file = Path.GetTempFileName();
        try
        {
            var host = await StartSiloAsync(directory: Path.Combine(file, "decision-log"));
            var writer = host.Services.GetRequiredService<DecisionLogWriter>();
            await writer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.False(writer.Enabled);
            await AssertNothingExploredAsync(host, "a-file");
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Degraded, report.Entries["decisionLog"].Status);
            // Degraded, not unhealthy: /health/ready answers 200 for it (ASP.NET Core's mapping), as quotes are priced.
            Assert.Equal(HealthStatus.Degraded, report.Status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<IHost> StartSiloAsync(string directory)
    {
        _cluster.ExtraSettings["Pricing:ExplorationRate"] = "0.5";
        // The daily cap lifted: a line it sends to list price is not explored, logged or not.
        _cluster.ExtraSettings["Pricing:MaxDiscountedOffersPerDay"] = "1000";
        _cluster.ExtraSettings["DecisionLog:Store"] = "folder";
        _cluster.ExtraSettings["DecisionLog:Directory"] = directory;
        return await _cluster.StartSiloAsync();
    }

    private async Task AssertNothingExploredAsync(IHost host, string name)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var skus = Enumerable.Range(0, 12).Select(i => $"unlogged-{name}-sku-{i:D2}").ToList();
        foreach (var sku in skus)
        {
            Assert.True((await grains.GetGrain<IProductGrain>(sku).UpsertAsync(new ProductDefinition(sku, "home", 40m, 10m, 20m, 0.4, 100))).Applied);
        }

        // 60 lines: logged, about 30 would be drawn, and none with probability 2⁻⁶⁰ (a run of the code before this rule drew 25).
        var quotes = new List<Quote>();
        for (var c = 0; c < 5; c++)
        {
            quotes.AddRange((await grains.GetGrain<ICustomerGrain>($"unlogged-{name}-customer-{c}").QuoteAsync(new QuoteRequest(skus, "web"))).Quotes);
        }

        Assert.Equal(60, quotes.Count);
        Assert.All(quotes, quote => Assert.DoesNotContain(DecisionReasons.Exploration, quote.Reasons));
        // An operator sees the log not writing on the silo's /metrics, and with it why nothing explores.
        using var silo = _cluster.SiloHttp(host);
        var scrape = await Prometheus.ScrapeAsync(silo, text => text.Contains("pricing_decision_log_enabled{", StringComparison.Ordinal));
        Assert.Contains("pricing_decision_log_enabled{", scrape, StringComparison.Ordinal);
        Assert.Equal(0, Prometheus.Sum(scrape, "pricing_decision_log_enabled"));
    }
}
