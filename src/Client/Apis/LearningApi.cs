using Microsoft.AspNetCore.Http.HttpResults;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Learning;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

/// <summary>Admin API of the learning service: start a training run, read a run, list runs and the model that prices.</summary>
public static class LearningApi
{
    public static RouteGroupBuilder MapLearningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/learning").WithTags("Admin: learning").RequireManagementKey();
        api.MapGet("/", GetAsync).WithName("GetLearning").WithSummary("The model that prices quotes now and the recent training runs, newest first.");
        api.MapPost("/runs", StartRunAsync).WithName("StartLearningRun")
            .WithSummary("Starts a training run now (or returns the one already going): 202 with its id.");
        api.MapGet("/runs/{runId}", GetRunAsync).WithName("GetLearningRun")
            .WithSummary("One run: status, decisions used, both models' off-line figures, the profit difference with its interval, fairness by segment, whether it promoted and why.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static ILearningGrain Learning(IGrainFactory grains) => grains.GetGrain<ILearningGrain>(ILearningGrain.Default);

    public static async Task<Ok<LearningView>> GetAsync(IGrainFactory grains) => TypedResults.Ok(await Learning(grains).GetAsync());

    public static async Task<Accepted<StartedRun>> StartRunAsync(IGrainFactory grains)
    {
        var runId = await Learning(grains).StartRunAsync("admin");
        return TypedResults.Accepted($"/api/v1/admin/learning/runs/{runId}", new StartedRun(runId));
    }

    public static async Task<Results<Ok<LearningRunView>, ProblemHttpResult>> GetRunAsync(string runId, IGrainFactory grains) =>
        await Learning(grains).GetRunAsync(runId) is { } run ? TypedResults.Ok(run) : Problems.NotFound($"No learning run '{runId}'.");

    public sealed record StartedRun(string RunId);
}
