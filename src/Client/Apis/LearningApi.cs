using Microsoft.AspNetCore.Http.HttpResults;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Learning;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

/// <summary>Admin API of the learning service: start or cancel a training run, read a run, list runs and the model that prices.</summary>
public static class LearningApi
{
    public static RouteGroupBuilder MapLearningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/learning").WithTags("Admin: learning").RequireManagementKey();
        api.MapGet("/", GetAsync).WithName("GetLearning").WithSummary("The model that prices quotes now and the recent training runs, newest first.");
        api.MapPost("/runs", StartRunAsync).WithName("StartLearningRun")
            .WithSummary("Starts a training run now (or returns the one already going): 202 with its id.");
        api.MapGet("/runs/{runId}", GetRunAsync).WithName("GetLearningRun")
            .WithSummary("One run: status, its steps with the seconds since it began, decisions used, both models' off-line figures, the profit difference with its interval, fairness by segment, whether it promoted and why.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/runs/{runId}/cancel", CancelRunAsync).WithName("CancelLearningRun")
            .WithSummary("Asks a running run to stop at its next check (between steps, and inside training at each Newton step or mini-batch): 202 with the run, which then reads \"cancelled\"; serving is unchanged. 409 once it is not running or is changing the model registry.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
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

    public static async Task<Results<Accepted<LearningRunView>, ProblemHttpResult>> CancelRunAsync(string runId, IGrainFactory grains) =>
        await Learning(grains).CancelRunAsync(runId) switch
        {
            null => Problems.NotFound($"No learning run '{runId}'."),
            { Refusal: { } refusal } => Problems.Conflict("The run cannot be cancelled", refusal),
            { Run: var run } => TypedResults.Accepted($"/api/v1/admin/learning/runs/{runId}", run),
        };

    public sealed record StartedRun(string RunId);
}
