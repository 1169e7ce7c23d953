using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// The admin console at <c>/console/</c>: static pages (<c>src/Client/Console</c>, copied beside the assembly) over the
/// admin API, behind a management key — a browser signs in with Basic (any user name, the key as the password) and
/// sends the same credentials with the pages' API calls. The interactive API page (Swagger UI over the OpenAPI
/// document) is at <c>/api-docs/</c>, also management-only.
/// </summary>
public static class AdminConsole
{
    public const string Path = "/console";
    public const string ApiPagePath = "/api-docs";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "Console"));
        app.MapGet($"{Path}/{{**file}}", (string? file, HttpRequest request) =>
        {
            if (string.IsNullOrEmpty(file) && request.Path.Value?.EndsWith('/') != true)
            {
                return Results.Redirect($"{Path}/"); // the pages link to each other relative to /console/
            }

            // The provider refuses paths that leave its root ("..", absolute paths) as not found.
            var info = files.GetFileInfo(string.IsNullOrEmpty(file) ? "index.html" : file);
            if (!info.Exists || info.IsDirectory)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No console file '{file}'.");
            }

            return Results.File(info.PhysicalPath!, ContentTypes.TryGetContentType(info.Name, out var type) ? type : "application/octet-stream");
        }).RequireManagementKey().ExcludeFromDescription();

        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPagePath), page => page
            .Use(ApiKeyHostingExtensions.RequireManagementKeyAsync)
            .UseSwaggerUI(options =>
            {
                options.RoutePrefix = ApiPagePath.TrimStart('/');
                options.SwaggerEndpoint("/openapi/v1.json", "OrleansPricing API v1");
                options.DocumentTitle = "OrleansPricing API";
            }));
        return app;
    }
}
