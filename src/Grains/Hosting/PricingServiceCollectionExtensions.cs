using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Grains.Customers;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Grains.Learning;
using OrleansPricing.Grains.Products;
using OrleansPricing.Grains.Quotes;
using Orleans.Hosting;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Grains.Serving;
using Orleans.Storage;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Pricing.Segmentation;

namespace OrleansPricing.Grains.Hosting;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the pricing grains need: options (sections <c>Pricing</c> and <c>Campaigns</c>, validated at start),
    /// the response model loaded from <see cref="PricingOptions.ModelPath"/>, the segmenter, this silo's campaign leases,
    /// the quote signer (section <c>QuoteSigning</c>), the decision log writer, this silo's recent quotes (section
    /// <c>RecentQuotes</c>), the clock, and the grain state serializer every storage provider of the silo uses (section
    /// <c>GrainState</c>).
    /// </summary>
    public static IServiceCollection AddPricingGrainServices(this IServiceCollection services)
    {
        services.AddValidatedOptions<PricingOptions>(PricingOptions.SectionName);
        services.AddValidatedOptions<GrainStateOptions>(GrainStateOptions.SectionName);
        services.TryAddSingleton(GrainStateLifetime.Durable);
        services.Replace(ServiceDescriptor.Singleton<IGrainStorageSerializer, GrainStateSerializer>());
        services.AddValidatedOptions<FeatureHalfLives>($"{PricingOptions.SectionName}:HalfLives");
        services.AddValidatedOptions<DecisionLogOptions>(DecisionLogOptions.SectionName);
        services.AddValidatedOptions<LearningOptions>(LearningOptions.SectionName);
        services.AddHostedService<LearningScheduler>();
        services.AddValidatedOptions<CampaignServingOptions>(CampaignServingOptions.SectionName)
            .Configure<IOptions<PricingOptions>>((campaigns, pricing) => campaigns.UseQuoteTimeToLive(pricing.Value.QuoteTimeToLive));
        services.AddSingleton<CampaignServing>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<CampaignServing>());
        services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        services.AddValidatedOptions<QuoteSigningOptions>(QuoteSigningOptions.SectionName);
        services.AddSingleton<QuoteSigner>();
        services.AddSingleton<ProductFactsCache>();
        services.AddSingleton<ExplorationSeeds>();
        services.AddMetrics();
        services.TryAddSingleton<PricingMetrics>();
        services.AddValidatedOptions<RecentQuotesOptions>(RecentQuotesOptions.SectionName);
        services.AddSingleton<RecentQuotes>();
        services.AddHostedService(provider => provider.GetRequiredService<RecentQuotes>());
        services.AddSingleton(provider =>
        {
            var writer = new DecisionLogWriter(
                provider.GetRequiredService<IOptions<DecisionLogOptions>>(), DecisionLogStores.Create(provider),
                provider.GetRequiredService<ILocalSiloDetails>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DecisionLogWriter>>(),
                provider.GetRequiredService<TimeProvider>());
            DecisionLogMetrics.Observe(provider.GetRequiredService<IMeterFactory>(), writer);
            return writer;
        });
        services.AddHostedService(provider => provider.GetRequiredService<DecisionLogWriter>());

        services.TryAddPricingClock();
        services.TryAddSingleton<IResponseModel>(provider =>
            LogisticResponseModel.Load(ModelFiles.Resolve(provider.GetRequiredService<IOptions<PricingOptions>>().Value.ModelPath)));
        services.TryAddSingleton<ICustomerSegmenter, RfmRuleSegmenter>();
        services.TryAddSingleton(provider => new QuotePolicy(
            provider.GetRequiredService<IResponseModel>(), provider.GetRequiredService<IOptions<PricingOptions>>().Value));
        return services;
    }
}
