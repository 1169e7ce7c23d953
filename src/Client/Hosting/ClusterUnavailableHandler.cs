using Microsoft.AspNetCore.Diagnostics;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// A grain call that failed because part of the cluster is unreachable — a silo died and membership has not yet
/// declared it dead, a connection dropped, a call timed out — is answered 503 with Retry-After, as problem details,
/// instead of 500: the request can be retried as is (events, quotes and orders are idempotent by id). Anything else is
/// left to the default handler (500).
/// </summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public static bool IsTransient(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or SiloUnavailableException or TimeoutException
            or Orleans.Runtime.Messaging.ConnectionFailedException or Microsoft.AspNetCore.Connections.ConnectionAbortedException => true,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Cluster temporarily unavailable",
                Detail = "Part of the cluster did not answer (a silo may have just failed); retry the same request — events, quotes and orders are idempotent by id.",
            },
        });
    }
}
