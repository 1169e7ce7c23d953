using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Scoring;

namespace OrleansPricing.UnitTests.Hosting;

/// <summary>
/// Each host's metrics are its own silo's, also with several silos in one process (the test clusters, the benchmarks;
/// see PricingMetrics for what went wrong before — the likely cause of a functional test of the learning schedule
/// failing now and then).
/// </summary>
public sealed class HostMetricsTests
{
    [Fact]
    public async Task A_host_reports_its_own_figures_and_keeps_them_when_another_host_in_the_process_stops()
    {
        using var first = await HostAsync();
        using var second = await HostAsync();

        Record(first, quoteLines: 1, shed: 2);
        Record(second, quoteLines: 100, shed: 200);

        Assert.Equal((1, 2), Figures(first));
        Assert.Equal((100, 200), Figures(second));

        await second.Host.StopAsync();
        second.Host.Dispose();
        Record(first, quoteLines: 7, shed: 8);

        Assert.Equal((8, 10), Figures(first));
    }

    private static void Record(MeteredHost host, int quoteLines, int shed)
    {
        var business = host.Host.Services.GetRequiredService<PricingMetrics>();
        var scoring = host.Host.Services.GetRequiredService<ScoringMetrics>();
        for (var i = 0; i < quoteLines; i++)
        {
            business.QuoteLine("m", discounted: true);
        }

        for (var i = 0; i < shed; i++)
        {
            scoring.Refused();
        }
    }

    /// <summary>The quote lines and shed scoring requests the host's own meter provider exports now.</summary>
    private static (long QuoteLines, long Shed) Figures(MeteredHost host)
    {
        host.Exported.Clear();
        Assert.True(host.Reader.Collect(10_000));
        return (host.Exported.GetValueOrDefault("pricing.quote.lines"), host.Exported.GetValueOrDefault("pricing.scoring.shed"));
    }

    private static async Task<MeteredHost> HostAsync()
    {
        var exported = new Dictionary<string, long>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Services.AddPricingTelemetry(builder.Configuration);
        builder.Services.AddSingleton<PricingMetrics>();
        builder.Services.AddSingleton(provider => new ScoringMetrics(() => "cpu", provider.GetRequiredService<IMeterFactory>()));
        var reader = new BaseExportingMetricReader(new SumExporter(exported));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(reader));
        var host = builder.Build();
        await host.StartAsync();
        return new MeteredHost(host, reader, exported);
    }

    private sealed record MeteredHost(IHost Host, MetricReader Reader, Dictionary<string, long> Exported) : IDisposable
    {
        public void Dispose() => Host.Dispose();
    }

    /// <summary>Each exported counter's sum over its points.</summary>
    private sealed class SumExporter(Dictionary<string, long> sums) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                if (metric.MetricType != MetricType.LongSum)
                {
                    continue;
                }

                long sum = 0;
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    sum += point.GetSumLong();
                }

                sums[metric.Name] = sum;
            }

            return ExportResult.Success;
        }
    }
}
