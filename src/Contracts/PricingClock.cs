using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansPricing.Contracts;

/// <summary>
/// The business clock: quote lifetimes, reservations, campaign windows and feature decay read it, and the gateway checks
/// event times and lists live campaigns by it. It is a keyed
/// <see cref="TimeProvider"/> apart from the one the Orleans runtime uses, so a simulation can move business time by
/// days without the runtime's membership and timeouts seeing a jump. By default it is the host's TimeProvider.
/// </summary>
public static class PricingClock
{
    public const string Key = "pricing";

    /// <summary>
    /// Registers the default business clock, the host's <see cref="TimeProvider"/> (the system's unless one is registered),
    /// unless a business clock is registered already: silos and standalone gateways both need it, and a simulation
    /// registers its own.
    /// </summary>
    public static IServiceCollection TryAddPricingClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        return services;
    }
}
