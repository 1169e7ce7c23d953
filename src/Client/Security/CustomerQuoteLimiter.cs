using System.Threading.RateLimiting;

namespace OrleansPricing.Client.Security;

/// <summary>The gateway's per-customer quote rate (<see cref="GatewayOptions.QuotesPerSecondPerCustomer"/>), keyed by customer id.</summary>
public sealed class CustomerQuoteLimiter(PartitionedRateLimiter<string> limiter) : IDisposable
{
    /// <summary>Takes one quote from the customer's bucket; false when it is empty.</summary>
    public bool TryAcquire(string customerId)
    {
        using var lease = limiter.AttemptAcquire(customerId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
