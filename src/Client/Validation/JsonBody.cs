using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace OrleansPricing.Client.Validation;

/// <summary>
/// A JSON request body, bound by reading it ourselves rather than through the framework's body binding, so that malformed
/// JSON, wrong types and oversized bodies come back as problem details that name the offending field and line. A handler
/// takes a <see cref="JsonBody{T}"/> parameter; <see cref="JsonBodyFilter"/> answers with the problem before the handler
/// runs, so a handler only ever sees a body that parsed.
/// </summary>
public sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider, IJsonBody
    where T : class
{
    private readonly T? _value;

    private JsonBody(T? value, IResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    public T Value => _value ?? throw new InvalidOperationException("The body did not parse; JsonBodyFilter answers such requests.");

    public IResult? Problem { get; }

#pragma warning disable CA1000 // IBindableFromHttpContext is a static abstract member: the framework calls it on the generic type.
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return new JsonBody<T>(value, value is null ? Problems.Validation("body", "A JSON body is required.") : null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
            // System.Text.Json reports an unknown member (UnmappedMemberHandling.Disallow) and one named twice
            // (AllowDuplicateProperties off) with a .NET type name: say them plainly.
            var message = exception.Message switch
            {
                var text when text.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => $"is not a member of this request{where}; check its spelling.",
                var text when text.StartsWith("Duplicate propert", StringComparison.Ordinal) => $"is given more than once{where}; send it once.",
                var text => $"is not valid{where}: {FirstSentence(text)}",
            };
            return new JsonBody<T>(null, Problems.Validation(JsonBodyPath.FieldOf(exception.Path), message));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonBody<T>(null, Problems.PayloadTooLarge());
        }
    }

    /// <summary>What a body can be answered with before the handler runs: 400 (did not parse) and 413 (too large).</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(
            StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(OpenApiProblems.Response(StatusCodes.Status413PayloadTooLarge));
    }

#pragma warning restore CA1000

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
