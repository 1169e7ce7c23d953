using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// Per-caller request rates at the gateway: each API key gets <see cref="GatewayOptions.RequestsPerSecondPerKey"/>
/// (a token bucket, so short bursts up to one second's worth pass), requests without a known key
/// <see cref="GatewayOptions.AnonymousRequestsPerSecond"/> per client address (probes, or someone guessing keys). Past
/// it: 429 problem details with Retry-After, before any grain is called.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPricingRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                var (partition, rate) = context.User.Identity is { IsAuthenticated: true, Name: { } name }
                    ? ($"key:{name}", options.RequestsPerSecondPerKey)
                    : ($"address:{context.Connection.RemoteIpAddress}", options.AnonymousRequestsPerSecond);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => PerSecond(rate));
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var http = rejected.HttpContext;
                var who = http.User.FindFirstValue(ClaimTypes.Name) is { } name ? $"API key '{name}'" : "this client address";
                return new ValueTask(Problems.TooManyRequests(http, who).ExecuteAsync(http));
            };
        });
        services.AddSingleton(provider =>
        {
            var rate = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.QuotesPerSecondPerCustomer;
            return new CustomerQuoteLimiter(PartitionedRateLimiter.Create<string, string>(customerId =>
                RateLimitPartition.GetTokenBucketLimiter(customerId, _ => PerSecond(rate))));
        });
        return services;
    }

    /// <summary>A token bucket of one second's worth, refilled every second; nothing queues.</summary>
    private static TokenBucketRateLimiterOptions PerSecond(int rate) => new()
    {
        TokenLimit = rate,
        TokensPerPeriod = rate,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
