using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansPricing.Contracts.Telemetry;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// OpenTelemetry for a host (silo or gateway): the business and scoring meters, Orleans' own, ASP.NET Core and the .NET
/// runtime, scraped by Prometheus at <c>/metrics</c>; traces of requests through the grains (Orleans activity
/// propagation). Both go to an OTLP collector too when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddPricingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-pricing"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.BusinessMeter, TelemetryNames.ScoringMeter, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>The Prometheus scrape endpoint, for management keys (a scraper sends one as its Basic password).</summary>
    public static WebApplication MapPricingMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(ApiKeyRoles.Management);
        return app;
    }
}
