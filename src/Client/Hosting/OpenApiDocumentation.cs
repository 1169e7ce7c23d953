using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// What the OpenAPI document says beyond the endpoints' own metadata: only the v1 API (not the dashboard's internal
/// routes), the API-key security schemes on every operation that needs a key, and a description of each tag. Kept
/// passing Redocly's recommended rules by <c>OpenApiLintTests</c>.
/// </summary>
public static class OpenApiDocumentation
{
    public const string ApiKeyScheme = "apiKey";
    public const string BasicScheme = "basic";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Products"] = "The catalog: prices, limits and stock (defining products needs a management key).",
        ["Events"] = "Customer behaviour (views, cart adds, purchases, returns) that the customer grains turn into live features.",
        ["Customers"] = "A customer's live features, segment and discount state.",
        ["Quotes"] = "Personalized prices: one model call per quote, signed so an order can cite them.",
        ["Orders"] = "Orders at quoted or list prices, exactly once per order id, never overselling stock.",
        ["Admin: models"] = "The model registry: upload, activate, roll back, shadow.",
        ["Admin: campaigns"] = "Promotions with budgets, targets and unit limits, and their results by arm.",
        ["Admin: learning"] = "The closed learning loop: training runs and their promotion decisions.",
        ["Admin: audit"] = "Who did what, when, through the admin API.",
        ["Admin: quotes"] = "Recent quote lines with the policy's reasons.",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "OrleansPricing API";
            document.Info.Description =
                "Personalized discounts priced by a learned response model on an Orleans cluster. Every operation needs an API " +
                "key (header `X-Api-Key`, or the key as the HTTP Basic password): integration keys for storefront calls, " +
                "management keys for everything.";
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key: management or integration.",
            };
            document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "Any user name, the API key as the password (what a browser or a Prometheus scraper sends).",
            };
            document.Tags = new HashSet<OpenApiTag>(
                TagDescriptions.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
            return Task.CompletedTask;
        });
        // The gateway reads times through its own converter (OffsetRequiredConverter), which the schema generator cannot see
        // into: say what it reads, as the built-in converter's schema did (the document is as before the converter).
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
            {
                schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = "date-time";
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, context.Document)] = [] },
            ];
            return Task.CompletedTask;
        });
    }
}
