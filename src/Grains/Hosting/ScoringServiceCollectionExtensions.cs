using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Grains.Scoring;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Hosting;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// The scoring pool of this silo: one <see cref="ActiveModel"/> (ONNX Runtime session) and one micro-batcher shared
    /// by the pool's workers, kept in step with the model registry. With <paramref name="serveQuotes"/> the pricing
    /// policy's response model is the pool instead of the logistic model file.
    /// </summary>
    public static IServiceCollection AddPricingScoring(this IServiceCollection services, bool serveQuotes)
    {
        services.AddValidatedOptions<ScoringOptions>(ScoringOptions.SectionName);
        services.AddSingleton<ActiveModel>();
        services.AddMetrics();
        services.AddSingleton(provider => new ScoringMetrics(
            () => provider.GetRequiredService<ActiveModel>().Provider?.Provider, provider.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(provider => new MicroBatcher(
            provider.GetRequiredService<ActiveModel>(),
            provider.GetRequiredService<IOptions<ScoringOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ScoringMetrics>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<MicroBatcher>()));
        services.AddSingleton<ModelSynchronizer>();
        services.AddHostedService(provider => provider.GetRequiredService<ModelSynchronizer>());
        if (serveQuotes)
        {
            services.AddSingleton<IResponseModel, PooledResponseModel>();
        }

        return services;
    }
}
