using Microsoft.AspNetCore.Diagnostics;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// A request ASP.NET Core could not bind — a query value that is not a number (<c>?limit=1e3</c>), say — is answered
/// with its own status (400) as problem details naming the parameter, instead of 500: in Development minimal APIs throw
/// such errors (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) and the exception handler would otherwise answer 500;
/// elsewhere they answered 400 with no body. Found by a black-box probe of the API with malformed input.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        });
    }
}
