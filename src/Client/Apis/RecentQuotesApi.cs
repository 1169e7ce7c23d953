using Microsoft.AspNetCore.Http.HttpResults;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Client.Apis;

/// <summary>The newest quote lines of every silo with the policy's reasons, for admins (they name customers).</summary>
public static class RecentQuotesApi
{
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapRecentQuotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/quotes").WithTags("Admin: quotes").RequireManagementKey();
        api.MapGet("/recent", RecentAsync).WithName("GetRecentQuotes")
            .WithSummary("The newest quote lines across the silos (each silo reports every few seconds), newest first, with segment, model and reasons.");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<RecentQuote>>, ValidationProblem>> RecentAsync(IGrainFactory grains, int? limit)
    {
        var errors = new ValidationErrors();
        errors.Limit(limit, MaxLimit);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IRecentQuotesGrain>(IRecentQuotesGrain.Key).GetAsync(limit ?? 50));
    }
}
