using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

/// <summary>Admin API of campaigns: define, update, pause and resume, and read spend, results and dual prices.</summary>
public static class CampaignsApi
{
    /// <summary>
    /// Bounds on a campaign's lists: the definition is stored in the campaign's row and handed to every silo with each
    /// lease, so it stays small (a shop with more SKUs covers them by category).
    /// </summary>
    public const int MaxSkus = 1_000, MaxCategories = 100, MaxUnitLimits = 1_000, MaxGridLevels = 21;

    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/campaigns").WithTags("Admin: campaigns").RequireManagementKey();
        api.MapPut("/{campaignId}", SaveAsync).WithName("SaveCampaign").WithSummary("Creates or updates a campaign.").ProducesProblems(StatusCodes.Status409Conflict)
            .Accepts<CampaignRequest>("application/json");
        api.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("Every campaign (or only those not ended with ?live=true), by id, with spend, leases and results.");
        api.MapGet("/{campaignId}", GetAsync).WithName("GetCampaign").WithSummary("Spend, leases, results by arm and dual prices.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/{campaignId}/pause", (string campaignId, IGrainFactory grains) => SetPausedAsync(campaignId, true, grains))
            .WithName("PauseCampaign").WithSummary("Stops discounting under the campaign; leases are not renewed.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/{campaignId}/resume", (string campaignId, IGrainFactory grains) => SetPausedAsync(campaignId, false, grains))
            .WithName("ResumeCampaign").WithSummary("Resumes a paused campaign.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string campaignId, JsonBody<CampaignRequest> body, IGrainFactory grains)
    {
        var (definition, errors) = Validate(campaignId, body.Value);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var result = await RolledOutAsync(grains.GetGrain<ICampaignGrain>(campaignId).SaveAsync(definition!), grains);

        return result.Ok ? TypedResults.Ok(result.View!) : Problems.Conflict("Campaign not changed", result.Error!);
    }

    public static async Task<Ok<IReadOnlyList<CampaignView>>> ListAsync(IGrainFactory grains, [FromKeyedServices(PricingClock.Key)] TimeProvider time, bool? live)
    {
        var ids = await grains.GetGrain<ICampaignDirectoryGrain>(ICampaignDirectoryGrain.Key)
            .ListAsync(live == true ? time.GetUtcNow() : DateTimeOffset.MinValue);
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICampaignGrain>(id).GetAsync()));
        return TypedResults.Ok<IReadOnlyList<CampaignView>>([.. views.OfType<CampaignView>()]);
    }

    public static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> GetAsync(string campaignId, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("campaignId", campaignId) is null)
        {
            return Problems.Validation(errors);
        }

        var view = await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync();
        return view is null ? Problems.NotFound($"No campaign '{campaignId}'.") : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> SetPausedAsync(string campaignId, bool paused, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("campaignId", campaignId) is null)
        {
            return Problems.Validation(errors);
        }

        var result = await RolledOutAsync(grains.GetGrain<ICampaignGrain>(campaignId).SetPausedAsync(paused), grains);

        return result.Ok ? TypedResults.Ok(result.View!) : Problems.NotFound($"No campaign '{campaignId}'.");
    }

    public static (CampaignDefinition? Definition, ValidationErrors Errors) Validate(string campaignId, CampaignRequest body)
    {
        var errors = new ValidationErrors();
        var id = errors.Id("campaignId", campaignId);
        var start = errors.Required("start", body.Start);
        var end = errors.Required("end", body.End);
        var budget = errors.Required("budget", body.Budget);
        if (start >= end)
        {
            errors.Add("end", "must be after start.");
        }

        if (budget < 0)
        {
            errors.Add("budget", "must not be negative.");
        }

        if (body.RevenueTarget is <= 0)
        {
            errors.Add("revenueTarget", "must be positive when given.");
        }

        errors.AtMost("skus", body.Skus, MaxSkus);
        errors.AtMost("categories", body.Categories, MaxCategories);
        errors.AtMost("unitLimits", body.UnitLimits, MaxUnitLimits);
        errors.AtMost("discountGrid", body.DiscountGrid, MaxGridLevels);
        var grid = body.DiscountGrid ?? CampaignDefaults.DiscountGrid;
        if (!grid.Contains(0) || grid.Any(d => !double.IsFinite(d) || d < 0 || d >= 1) || grid.Zip(grid.Skip(1)).Any(p => p.First >= p.Second))
        {
            errors.Add("discountGrid", "must be strictly increasing fractions in [0, 1) including 0.");
        }

        if (body.MaxDiscountedOffersPerDay is < 0)
        {
            errors.Add("maxDiscountedOffersPerDay", "must not be negative.");
        }

        if (body.MaxDiscount is { } max && (!double.IsFinite(max) || max < 0 || max >= 1))
        {
            errors.Add("maxDiscount", "must be a fraction in [0, 1).");
        }

        if (body.HoldoutFraction is { } holdout && (!double.IsFinite(holdout) || holdout < 0 || holdout >= 1))
        {
            errors.Add("holdoutFraction", "must be a fraction in [0, 1).");
        }

        if (body.ExplorationRate is { } exploration && (!double.IsFinite(exploration) || exploration < 0 || exploration > 0.5))
        {
            errors.Add("explorationRate", "must be in [0, 0.5].");
        }

        var skus = body.Skus ?? [];
        var categories = body.Categories ?? [];
        if (skus.Count + categories.Count == 0)
        {
            errors.Add("skus", "list at least one SKU or category the campaign covers.");
        }

        for (var i = 0; i < skus.Count; i++)
        {
            errors.Id($"skus[{i}]", skus[i]);
        }

        for (var i = 0; i < categories.Count; i++)
        {
            errors.Id($"categories[{i}]", categories[i]);
        }

        foreach (var (sku, limit) in body.UnitLimits ?? [])
        {
            if (limit < 0)
            {
                errors.Add($"unitLimits.{sku}", "must not be negative.");
            }
        }

        return errors.IsEmpty
            ? (new CampaignDefinition(id!, start!.Value, end!.Value, budget!.Value, body.RevenueTarget, grid,
                body.MaxDiscountedOffersPerDay ?? CampaignDefaults.MaxDiscountedOffersPerDay, body.MaxDiscount ?? grid.Max(), skus, categories,
                body.HoldoutFraction ?? CampaignDefaults.HoldoutFraction, body.ExplorationRate ?? CampaignDefaults.ExplorationRate, body.UnitLimits ?? []), errors)
            : (null, errors);
    }

    /// <summary>A campaign change, answered once every silo quotes the campaign as it now is, not at its next refresh.</summary>
    private static async Task<CampaignCommandResult> RolledOutAsync(Task<CampaignCommandResult> change, IGrainFactory grains)
    {
        var result = await change;
        if (result.Ok)
        {
            await grains.GetGrain<IServingRolloutGrain>(0).RollOutCampaignsAsync();
        }

        return result;
    }
}
