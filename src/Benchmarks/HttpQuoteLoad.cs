using System.Net.Http.Headers;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The HTTP phase's requests, the same whichever process sends them: quote bodies made before the phase (the load
/// generator sends and reads, it does not build JSON) POSTed in turn with the benchmark's API key.
/// </summary>
public static class HttpQuoteLoad
{
    public const string QuotesPath = "/api/v1/quotes";

    /// <summary>A client of the gateway at <paramref name="address"/> that sends <paramref name="apiKey"/>.</summary>
    public static HttpClient CreateClient(Uri address, string apiKey, HttpMessageHandler? handler = null)
    {
        var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = address };
        http.DefaultRequestHeaders.Add(Client.Security.ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return http;
    }

    /// <summary>One quote: a body drawn by <paramref name="random"/>; an answer other than 2xx throws (counted as failed).</summary>
    public static Func<Random, Task> Sender(HttpClient http, IReadOnlyList<byte[]> bodies) => async random =>
    {
        using var content = new ByteArrayContent(bodies[random.Next(bodies.Count)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(QuotesPath, content);
        response.EnsureSuccessStatusCode();
    };
}
