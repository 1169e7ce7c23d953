using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Orders;

namespace OrleansPricing.Client.Apis;

public static class OrdersApi
{
    /// <summary>No single line may ask for more units than this.</summary>
    public const int MaxQuantityPerLine = 1_000_000;

    /// <summary>Longer than any token the service signs; a longer one is refused before it reaches a grain.</summary>
    public const int MaxQuoteTokenLength = 4096;

    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders");
        api.MapPost("/", PlaceOrderAsync)
            .WithName("PlaceOrder")
            .WithSummary("Places an order at the prices of the signed quotes it cites. Idempotent by orderId; 409 when stock is short or a quote was used by another order, 422 when a quote is invalid, another customer's or SKU's, or expired.")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity)
            .Accepts<OrderHttpRequest>("application/json");
        api.MapGet("/{orderId}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("A completed order and what each line was charged.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<OrderOutcome>, ValidationProblem, ProblemHttpResult>> PlaceOrderAsync(
        JsonBody<OrderHttpRequest> body, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var (orderId, order, errors) = Validate(body.Value, options.Value);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var outcome = await grains.GetGrain<IOrderGrain>(orderId!).PlaceAsync(order!);
        var extensions = new Dictionary<string, object?> { ["orderId"] = orderId, ["sku"] = outcome.Sku };
        return outcome.Status switch
        {
            OrderStatus.Completed => TypedResults.Ok(outcome),
            OrderStatus.UnknownSku => Problems.Validation(
                $"lines[{order!.Lines.ToList().FindIndex(line => line.Sku == outcome.Sku)}].sku", outcome.Detail!),
            OrderStatus.InsufficientInventory => Problems.Conflict("Insufficient inventory", outcome.Detail!, extensions),
            OrderStatus.CampaignBudgetExhausted => Problems.Conflict("Campaign budget exhausted", outcome.Detail!, extensions),
            OrderStatus.QuoteRejected => Problems.Unprocessable("Quote not honoured", outcome.Detail!, extensions),
            OrderStatus.QuoteAlreadyUsed => Problems.Conflict("Quote already used", outcome.Detail!, extensions),
            OrderStatus.Failed => Problems.Conflict("Order failed", outcome.Detail!, extensions),
            _ => Problems.Conflict("Order id already used", outcome.Detail!, extensions),
        };
    }

    public static async Task<Results<Ok<OrderOutcome>, ValidationProblem, ProblemHttpResult>> GetOrderAsync(
        string orderId, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("orderId", orderId) is null)
        {
            return Problems.Validation(errors);
        }

        var outcome = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        return outcome is null ? Problems.NotFound($"No completed order '{orderId}'.") : TypedResults.Ok(outcome);
    }

    public static (string? OrderId, OrderRequest? Order, ValidationErrors Errors) Validate(
        OrderHttpRequest body, GatewayOptions options)
    {
        var errors = new ValidationErrors();
        var orderId = errors.Id("orderId", body.OrderId);
        var customerId = errors.Id("customerId", body.CustomerId);
        errors.Count("lines", body.Lines, options.MaxOrderLines);
        var lines = new List<OrderLineRequest>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
        {
            var at = $"lines[{i}]";
            if (body.Lines![i] is not { } line)
            {
                errors.Add(at, "must be an order line object.");
                continue;
            }

            var sku = errors.Id($"{at}.sku", line.Sku);
            var quantity = errors.Required($"{at}.quantity", line.Quantity);
            if (quantity is < 1 or > MaxQuantityPerLine)
            {
                errors.Add($"{at}.quantity", $"must be between 1 and {MaxQuantityPerLine}.");
            }

            if (line.QuoteId is not null)
            {
                errors.Add($"{at}.quoteId", "is no longer read: cite the quote by its signed token in quoteToken (the quote answer's token).");
            }

            var quoteToken = line.QuoteToken;
            if (quoteToken is not null && (quoteToken.Length is 0 or > MaxQuoteTokenLength))
            {
                errors.Add($"{at}.quoteToken", $"must be a quote's token (1 to {MaxQuoteTokenLength} characters).");
            }

            if (sku is not null && !skus.Add(sku))
            {
                errors.Add($"{at}.sku", $"SKU '{sku}' appears on more than one line; put the total on one line.");
            }

            if (sku is not null && quantity is >= 1 and <= MaxQuantityPerLine)
            {
                lines.Add(new OrderLineRequest(sku, quantity.Value, quoteToken));
            }
        }

        return (orderId, errors.IsEmpty ? new OrderRequest(customerId!, lines) : null, errors);
    }
}
