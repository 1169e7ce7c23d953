using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Apis;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts;

namespace OrleansPricing.Client.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>Services of the HTTP gateway: options, JSON, problem details, OpenAPI, body-size limit, API keys.</summary>
    public static IServiceCollection AddPricingGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;

            // An unknown member is a typo an admin must hear about (400 naming it), not a setting silently left at its default.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;

            // A member named twice is ambiguous: a proxy, an audit or another parser may read the other value than we do.
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.Converters.Add(new OffsetRequiredConverter());
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default);
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<ClusterUnavailableHandler>();
        // Minimal APIs throw what they cannot bind in every environment, so that BadRequestHandler answers it the same way.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(OpenApiDocumentation.Configure);
        services.AddPricingApiKeys();
        services.AddPricingRateLimits();
        // Event times and campaign windows are checked against the clock the silos price on.
        services.TryAddPricingClock();
        return services;
    }

    /// <summary>
    /// Problem-details error handling, API-key authentication, the OpenAPI document at /openapi/v1.json and the v1 API.
    /// Every endpoint needs a key: an integration key for what a storefront does (events, quotes, orders, reading
    /// products), a management key for the rest, which each API marks.
    /// </summary>
    public static WebApplication UsePricingGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(AuditApi.RecordAsync);
        app.MapOpenApi().RequireAuthorization(ApiKeyRoles.Management);
        app.MapAdminConsole();
        var api = app.MapGroup("").AddEndpointFilter<JsonBodyFilter>().RequireAuthorization(ApiKeyRoles.Integration)
            .ProducesGatewayProblems();
        api.MapProductsApi();
        api.MapEventsApi();
        api.MapCustomersApi();
        api.MapQuotesApi();
        api.MapOrdersApi();
        api.MapModelsApi();
        api.MapCampaignsApi();
        api.MapLearningApi();
        api.MapAuditApi();
        api.MapRecentQuotesApi();
        return app;
    }
}
