using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansPricing.Client.Validation;

/// <summary>
/// Reads a JSON request body ourselves rather than through parameter binding, so that malformed JSON, wrong types and
/// oversized bodies come back as problem details that name the offending field and line.
/// </summary>
public static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null
                ? new JsonBody<T>(null, Problems.Validation("body", "A JSON body is required."), null)
                : new JsonBody<T>(value, null, null);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
            return new JsonBody<T>(null, Problems.Validation(field, $"is not valid{where}: {FirstSentence(exception.Message)}"), null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonBody<T>(null, null, Problems.PayloadTooLarge());
        }
    }

    /// <summary>"$[2].listPrice" becomes "[2].listPrice"; the root becomes "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        var field = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}

/// <summary>A parsed body, or the problem that stopped it: <see cref="Invalid"/> (400) or <see cref="TooLarge"/> (413).</summary>
public sealed record JsonBody<T>(T? Value, ValidationProblem? Invalid, ProblemHttpResult? TooLarge)
    where T : class;
