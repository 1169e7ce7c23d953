using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansPricing.Contracts.Telemetry;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// OpenTelemetry for a host (silo or gateway): the business and scoring meters, Orleans' own, ASP.NET Core and the .NET
/// runtime, scraped by Prometheus at <c>/metrics</c> and sent to an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; with that setting, traces of requests through the grains (Orleans activity propagation) go there too.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The name OpenTelemetry's listener has among the host's metrics listeners, named by the rules below.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddPricingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // The business and scoring meters of this host's own IMeterFactory only (MeterScope.Local), not every silo's in
        // the process, as AddMeter would take them: why in PricingMetrics.
        services.AddMetrics(meters => meters
            .EnableMetrics(TelemetryNames.BusinessMeter, null, OpenTelemetryListener, MeterScope.Local)
            .EnableMetrics(TelemetryNames.ScoringMeter, null, OpenTelemetryListener, MeterScope.Local));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-pricing"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Traces only where they go somewhere: without an exporter, sampling every request and grain call is work for nothing.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The Prometheus scrape endpoint, for management keys (a scraper sends one as its Basic password).</summary>
    public static WebApplication MapPricingMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(ApiKeyRoles.Management);
        return app;
    }
}
