using Microsoft.AspNetCore.Authentication;

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
}
