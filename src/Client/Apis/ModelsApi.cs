using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;

using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

/// <summary>Admin API of the model registry: upload, activate, roll back, shadow.</summary>
public static class ModelsApi
{
    /// <summary>Model uploads carry the ONNX file in base64: this endpoint accepts larger bodies than the rest.</summary>
    public const long MaxUploadBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/models").WithTags("Admin: models").RequireManagementKey();
        api.MapGet("/", GetAsync).WithName("GetModels").WithSummary("Model versions, the active, previous and shadow versions, and each silo's scoring status.");
        api.MapPost("/", UploadAsync).WithName("UploadModel").WithSummary("Uploads an ONNX model with its card; refused unless it validates.")
            .Accepts<ModelUploadRequest>("application/json").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));
        api.MapPost("/{version}/activate", ActivateAsync).WithName("ActivateModel").WithSummary("Makes a version the one every silo serves.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/rollback", RollbackAsync).WithName("RollbackModel").WithSummary("Returns to the previously active version.")
            .ProducesProblems(StatusCodes.Status409Conflict);
        api.MapPut("/shadow", SetShadowAsync).WithName("SetShadowModel").WithSummary("Scores a version alongside the active one and prices Pricing:ShadowTrafficShare of quotes with it (a trial).").ProducesProblems(StatusCodes.Status404NotFound)
            .Accepts<ShadowRequest>("application/json");
        return api;
    }

    private static IModelRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);

    public static async Task<Ok<ModelRegistryView>> GetAsync(IGrainFactory grains) => TypedResults.Ok(await Registry(grains).GetAsync());

    public static async Task<Results<Created<ModelRegistryView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        JsonBody<ModelUploadRequest> body, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        var version = errors.Id("version", body.Value.Version);
        byte[]? onnx = null;
        if (string.IsNullOrEmpty(body.Value.Onnx))
        {
            errors.Add("onnx", "is required: the ONNX file, base64-encoded.");
        }
        else
        {
            try
            {
                onnx = Convert.FromBase64String(body.Value.Onnx);
            }
            catch (FormatException)
            {
                errors.Add("onnx", "is not valid base64.");
            }
        }

        if (body.Value.Card is not { ValueKind: System.Text.Json.JsonValueKind.Object } card)
        {
            errors.Add("card", "is required: the model card object written beside the ONNX file.");
            return Problems.Validation(errors);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var result = await Registry(grains).UploadAsync(new ModelUpload(version!, onnx!, card.GetRawText()));
        return result.Ok
            ? TypedResults.Created($"/api/v1/admin/models/{version}", result.View)
            : Problems.Validation("onnx", $"Model refused: {result.Error}");
    }

    public static async Task<Results<Ok<ModelRegistryView>, ProblemHttpResult>> ActivateAsync(string version, IGrainFactory grains)
    {
        var result = await Registry(grains).ActivateAsync(version);
        return result.Ok ? TypedResults.Ok(await RolledOutAsync(grains)) : Problems.NotFound($"No model version '{version}'.");
    }

    public static async Task<Results<Ok<ModelRegistryView>, ProblemHttpResult>> RollbackAsync(IGrainFactory grains)
    {
        var result = await Registry(grains).RollbackAsync();
        return result.Ok ? TypedResults.Ok(await RolledOutAsync(grains)) : Problems.Conflict("Nothing to roll back to", result.Error!);
    }

    public static async Task<Results<Ok<ModelRegistryView>, ValidationProblem, ProblemHttpResult>> SetShadowAsync(
        JsonBody<ShadowRequest> body, IGrainFactory grains)
    {
        var result = await Registry(grains).SetShadowAsync(body.Value.Version);
        return result.Ok ? TypedResults.Ok(await RolledOutAsync(grains)) : Problems.NotFound($"No model version '{body.Value.Version}'.");
    }

    /// <summary>The registry after every silo was asked to serve its versions now: the answer's silos show the change served.</summary>
    private static async Task<ModelRegistryView> RolledOutAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IServingRolloutGrain>(0).RollOutModelsAsync();
        return await Registry(grains).GetAsync();
    }
}
