using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Audit;

namespace OrleansPricing.Client.Apis;

/// <summary>
/// The audit log: every admin action — a request that changes something under <c>/api/v1/admin</c>, or defines
/// products — is recorded after it is answered (the key's name, the method and path, the status) and listed, newest
/// first, at <c>GET /api/v1/admin/audit</c>. Storefront calls (events, quotes, orders) are not admin actions.
/// </summary>
public static class AuditApi
{
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/audit").WithTags("Admin: audit").RequireManagementKey();
        api.MapGet("/", RecentAsync).WithName("GetAuditLog").WithSummary("Admin actions, newest first: who (which API key) did what, when, with what status.");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> RecentAsync(IGrainFactory grains, int? limit)
    {
        var errors = new ValidationErrors();
        errors.Limit(limit, MaxLimit);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).RecentAsync(limit ?? 100));
    }

    /// <summary>Records a changing request by a management key once it has been answered.</summary>
    public static async Task RecordAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var path = context.Request.Path;
        var adminAction = path.StartsWithSegments("/api/v1/admin") || (path.StartsWithSegments("/api/v1/products") && HttpMethods.IsPut(context.Request.Method));
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || !adminAction
            || !context.User.IsInRole(ApiKeyRoles.Management))
        {
            return;
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).RecordAsync(new AuditEntry(
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), context.User.FindFirstValue(ClaimTypes.Name)!,
            context.Request.Method, context.Request.Path.Value!, context.Response.StatusCode));
    }
}
