using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using OrleansPricing.Client.Validation;

namespace OrleansPricing.Client.Security;

public static class ApiKeyHostingExtensions
{
    /// <summary>API-key authentication (section <c>Security</c>, validated at start) and one authorization policy per role.</summary>
    public static IServiceCollection AddPricingApiKeys(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyRoles.Management, policy => policy.RequireRole(ApiKeyRoles.Management))
            .AddPolicy(ApiKeyRoles.Integration, policy => policy.RequireRole(ApiKeyRoles.Management, ApiKeyRoles.Integration));
        return services;
    }

    /// <summary>
    /// Middleware for what is not an endpoint (the API page's static files): a request without a management key is
    /// challenged (401) or forbidden (403) as an endpoint would be.
    /// </summary>
    public static async Task RequireManagementKeyAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, ApiKeyRoles.Management)).Succeeded)
        {
            await next(context);
        }
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            await context.ForbidAsync();
        }
        else
        {
            await context.ChallengeAsync();
        }
    }

    /// <summary>Only management keys may call these endpoints; an integration key gets 403, which the OpenAPI document lists.</summary>
    public static TBuilder RequireManagementKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyRoles.Management).WithMetadata(OpenApiProblems.Response(StatusCodes.Status403Forbidden));
}
