using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OrleansPricing.Client.Security;

/// <summary>
/// Authenticates a request by its API key: the <c>X-Api-Key</c> header, or the password of HTTP Basic authentication
/// (so a browser can open the dashboard). The key's SHA-256 is looked up among the configured hashes; the principal
/// carries the key's name and role. Refusals are problem details: 401 without a known key, 403 with a key whose role
/// may not call the endpoint.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private readonly Dictionary<string, ApiKeyEntry> _byHash =
        keys.Value.ApiKeys.ToDictionary(key => key.Sha256.ToLowerInvariant(), StringComparer.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].FirstOrDefault() ?? BasicPassword();
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!_byHash.TryGetValue(ApiKeyOptions.Hash(presented), out var key))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var known = await HandleAuthenticateOnceSafeAsync();
        // Two challenges, Basic first and each in its own header: a browser reads only the first challenge of a header,
        // and Basic is what lets it prompt for the key (as the password) on the console and the dashboard.
        Response.Headers.WWWAuthenticate = new StringValues(["Basic realm=\"OrleansPricing\"", $"ApiKey header=\"{HeaderName}\""]);
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", known.Failure is null
            ? $"This endpoint needs an API key: send it in the {HeaderName} header."
            : "The API key is not one this service knows.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role);
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"The API key '{Context.User.Identity?.Name}' has the {role} role; this endpoint needs a {ApiKeyRoles.Management} key.");
    }

    private string? BasicPassword()
    {
        var header = Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
