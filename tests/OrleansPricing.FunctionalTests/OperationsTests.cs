using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansPricing.FunctionalTests;

/// <summary>What operators and their tools read: health endpoints for probes, Prometheus metrics.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class OperationsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Health_endpoints_answer_without_a_key_and_name_each_check()
    {
        using var probe = new HttpClient { BaseAddress = fixture.Http.BaseAddress };

        var live = await (await probe.GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
        var ready = await (await probe.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Healthy", (string)live["status"]!);
        Assert.Equal("Healthy", (string)ready["checks"]!["cluster"]!["status"]!);
    }

    [Fact]
    public async Task A_silo_is_ready_when_storage_membership_and_model_are()
    {
        var silo = fixture.Cluster.Silos[0];

        var report = await silo.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["decisionLog", "membership", "model", "storage"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.True(report.Status == HealthStatus.Healthy, string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));
        Assert.Equal("Azure Table storage answers.", report.Entries["storage"].Description);
    }

    [Fact]
    public async Task Admin_actions_are_in_the_audit_log_with_the_key_that_made_them()
    {
        await fixture.Http.PutProductsAsync(Api.Product("audit-sku"));
        await (await fixture.Http.PostJsonAsync("/api/v1/quotes", new { customerId = "audit-customer", skus = new[] { "audit-sku" } })).ExpectAsync(HttpStatusCode.OK);
        await (await fixture.Http.PostAsync("/api/v1/admin/models/no-such-version/activate", null)).ExpectAsync(HttpStatusCode.NotFound);

        var log = (await fixture.Http.GetJsonAsync("/api/v1/admin/audit?limit=2")).AsArray();

        Assert.Equal(
            [("functional-management", "POST", "/api/v1/admin/models/no-such-version/activate", 404), ("functional-management", "PUT", "/api/v1/products", 200)],
            log.Select(entry => ((string)entry!["key"]!, (string)entry["method"]!, (string)entry["path"]!, (int)entry["status"]!)));
        await (await fixture.Http.GetAsync("/api/v1/admin/audit?limit=0")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Prometheus_metrics_carry_the_business_figures_for_management_keys()
    {
        await fixture.Http.PutProductsAsync(Api.Product("metrics-sku"));
        await (await fixture.Http.PostJsonAsync("/api/v1/quotes", new { customerId = "metrics-customer", skus = new[] { "metrics-sku" } })).ExpectAsync(HttpStatusCode.OK);
        using var silo = fixture.Cluster.SiloHttp(fixture.Cluster.Silos.Single());
        foreach (var host in new[] { fixture.Http, silo })
        {
            using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
            await (await anonymous.GetAsync("/metrics")).ExpectAsync(HttpStatusCode.Unauthorized);
        }

        // The gateway reports its HTTP requests; the silo, whose grains priced the quote, the business figures.
        var gateway = await Prometheus.ScrapeAsync(fixture.Http, text => text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));
        // The decision log's rows once its writer has appended the quote's line (within its 100 ms interval).
        var business = await Prometheus.ScrapeAsync(silo, text => Prometheus.Sum(text, "pricing_quote_lines_total") > 0
            && Prometheus.Sum(text, "pricing_decision_log_rows_total", ("kind", "decisions")) > 0);

        Assert.Contains("http_server_request_duration_seconds", gateway);
        Assert.True(Prometheus.Sum(business, "pricing_quote_lines_total") > 0, "no quote line in the silo's /metrics");
        Assert.True(Prometheus.Sum(business, "pricing_decision_log_rows_total", ("kind", "decisions")) > 0, "no decision-log row in the silo's /metrics");
        Assert.Equal(1, Prometheus.Sum(business, "pricing_decision_log_enabled"));
        Assert.Equal(0, Prometheus.Sum(business, "pricing_decision_log_rows_lost_total"));
    }
}
