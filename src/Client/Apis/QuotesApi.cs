using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Security;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.Client.Apis;

public static class QuotesApi
{
    public static RouteGroupBuilder MapQuotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/quotes").WithTags("Quotes");
        api.MapPost("/", QuoteAsync)
            .WithName("Quote")
            .WithSummary("Personalized prices for a customer; unknown SKUs are reported per item.")
            .Accepts<QuoteHttpRequest>("application/json");
        return api;
    }

    public static async Task<Results<Ok<QuoteResponse>, ValidationProblem, ProblemHttpResult>> QuoteAsync(
        JsonBody<QuoteHttpRequest> body, IGrainFactory grains, IOptions<GatewayOptions> options, CustomerQuoteLimiter limiter, HttpContext http)
    {
        var (customerId, quoteRequest, errors) = Validate(body.Value, options.Value);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (!limiter.TryAcquire(customerId!))
        {
            return Problems.TooManyRequests(http, $"quotes for customer '{customerId}'");
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(customerId!).QuoteAsync(quoteRequest!));
        }
        catch (ScoringUnavailableException exception)
        {
            return Problems.Unavailable(exception.Message);
        }
    }

    public static (string? CustomerId, QuoteRequest? Request, ValidationErrors Errors) Validate(
        QuoteHttpRequest body, GatewayOptions options)
    {
        var errors = new ValidationErrors();
        var customerId = errors.Id("customerId", body.CustomerId);
        errors.Count("skus", body.Skus, options.MaxSkusPerQuote);
        var skus = new List<string>();
        for (var i = 0; i < (body.Skus?.Count ?? 0); i++)
        {
            if (errors.Id($"skus[{i}]", body.Skus![i]) is { } sku)
            {
                skus.Add(sku);
            }
        }

        var channel = body.Channel ?? QuoteChannels.Web;
        if (!QuoteChannels.Known.Contains(channel))
        {
            errors.Add("channel", $"'{channel}' is not a channel: use {string.Join(", ", QuoteChannels.Known)}.");
        }

        var units = body.Units ?? 1;
        if (units is < 1 or > OrdersApi.MaxQuantityPerLine)
        {
            errors.Add("units", $"must be between 1 and {OrdersApi.MaxQuantityPerLine}.");
        }

        return (customerId, errors.IsEmpty ? new QuoteRequest(skus, channel, units) : null, errors);
    }
}
