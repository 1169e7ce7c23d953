using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansPricing.Client.Validation;

/// <summary>The RFC 7807 problem responses the gateway gives.</summary>
public static class Problems
{
    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary());

    public static ProblemHttpResult PayloadTooLarge() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: $"Request bodies are limited to {GatewayOptions.DefaultMaxRequestBodyBytes / 1024} KiB by default; split the batch.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    /// <summary>The cluster could not answer now (e.g. the scoring pool shed the request); the client may retry.</summary>
    public static ProblemHttpResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title, extensions: extensions);

    /// <summary>A caller over one of its rates: 429 with Retry-After: 1.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, string who)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The request rate of {who} is over its limit; retry after a second."));
    }

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again shortly", detail: detail);
}
