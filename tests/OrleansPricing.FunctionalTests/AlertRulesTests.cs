using System.Net;
using OrleansPricing.UnitTests.Deploy;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// Every metric deploy/prometheus/alerts.yaml reads is on a silo's /metrics under that name once the silo has priced a
/// quote and run a training run: an alert on a name the service does not export never fires, and nothing says so.
/// </summary>
[Trait("Requires", "Azurite")]
public sealed class AlertRulesTests : IAsyncLifetime
{
    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Every_metric_the_alert_rules_read_is_exported_by_a_silo()
    {
        var families = AlertRules.MetricFamiliesRead();
        Assert.Equal(5, AlertRules.Load().Count);

        _cluster.ExtraSettings["Learning:LabelWait"] = "00:00:00";
        var silo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("alerts-sku"));
        await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "alerts-customer", skus = new[] { "alerts-sku" } })).ExpectAsync(HttpStatusCode.OK);
        // A run on one decision: too few to train, so it ends at once, and counts.
        await (await http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted);

        using var siloHttp = _cluster.SiloHttp(silo);
        bool Exported(string scrape, string family) => scrape.Contains($"# TYPE {family} ", StringComparison.Ordinal);
        var scrape = await Prometheus.ScrapeAsync(siloHttp, text => families.All(family => Exported(text, family)));

        Assert.Equal(families, families.Where(family => Exported(scrape, family)));
    }
}
