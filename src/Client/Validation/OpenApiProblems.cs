using Microsoft.AspNetCore.Mvc;

namespace OrleansPricing.Client.Validation;

/// <summary>
/// Declares the problem-details responses an endpoint can give beyond what its return type shows (a
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult"/> carries no status), so the OpenAPI document
/// lists every status code an operation can return.
/// </summary>
public static class OpenApiProblems
{
    private static readonly string[] ContentTypes = ["application/problem+json"];

    public static ProducesResponseTypeMetadata Response(int statusCode) => new(statusCode, typeof(ProblemDetails), ContentTypes);

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statusCodes.Select(Response)]);

    /// <summary>
    /// What any v1 endpoint can answer besides its own results: 401 without a valid key, 429 over the rate limit, 503
    /// while the cluster cannot answer (<c>ClusterUnavailableHandler</c>).
    /// </summary>
    public static TBuilder ProducesGatewayProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
}
