using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts;
using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Client.Apis;

public static class EventsApi
{
    private static readonly Dictionary<string, CustomerEventKind> EventTypes = new(StringComparer.Ordinal)
    {
        ["view"] = CustomerEventKind.View,
        ["cart"] = CustomerEventKind.Cart,
        ["purchase"] = CustomerEventKind.Purchase,
    };

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/events").WithTags("Events");
        api.MapPost("/", RecordEventsAsync)
            .WithName("RecordEvents")
            .WithSummary("Records customer behaviour (views, cart adds, purchases). Accepted events are durable.")
            .Accepts<EventRequest[]>("application/json");
        return api;
    }

    public static async Task<Results<Accepted<AcceptedEventsResponse>, ValidationProblem, ProblemHttpResult>> RecordEventsAsync(
        JsonBody<List<EventRequest?>> body, IGrainFactory grains, IOptions<GatewayOptions> options, [FromKeyedServices(PricingClock.Key)] TimeProvider time)
    {
        var (byCustomer, errors) = Validate(body.Value, options.Value, time.GetUtcNow());
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        // Validated as a whole first, then applied per customer; each customer persists its events before answering.
        var outcomes = await Task.WhenAll(byCustomer.Select(group =>
            grains.GetGrain<ICustomerGrain>(group.Key).RecordEventsAsync(group.Value)));
        return TypedResults.Accepted(
            (string?)null,
            new AcceptedEventsResponse(
                body.Value.Count,
                outcomes.Sum(outcome => outcome.Applied),
                outcomes.Sum(outcome => outcome.Duplicates),
                outcomes.Sum(outcome => outcome.TooLate)));
    }

    public static (Dictionary<string, List<CustomerEventInput>> ByCustomer, ValidationErrors Errors) Validate(
        IReadOnlyList<EventRequest?> items, GatewayOptions options, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var byCustomer = new Dictionary<string, List<CustomerEventInput>>(StringComparer.Ordinal);
        errors.Count("body", items, options.MaxBatchItems);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(at, "must be an event object.");
                continue;
            }

            var eventId = errors.Id($"{at}.eventId", item.EventId);
            var customerId = errors.Id($"{at}.customerId", item.CustomerId);
            var timestamp = errors.Required($"{at}.timestamp", item.Timestamp);
            CustomerEventKind? type = null;
            if (item.Type is null)
            {
                errors.Add($"{at}.type", "is required: one of view, cart, purchase.");
            }
            else if (EventTypes.TryGetValue(item.Type, out var known))
            {
                type = known;
            }
            else
            {
                errors.Add($"{at}.type", $"'{item.Type}' is not an event type: use view, cart or purchase.");
            }

            string? sku = null;
            if (item.Sku is not null || type is CustomerEventKind.View or CustomerEventKind.Cart)
            {
                sku = errors.Id($"{at}.sku", item.Sku);
            }

            if (item.Quantity is < 1 or > OrdersApi.MaxQuantityPerLine)
            {
                errors.Add($"{at}.quantity", $"must be between 1 and {OrdersApi.MaxQuantityPerLine}.");
            }

            errors.AtMostMaxMoney($"{at}.amount", item.Amount);

            if (item.Amount is < 0)
            {
                errors.Add($"{at}.amount", "must not be negative.");
            }
            else if (type == CustomerEventKind.Purchase && item.Amount is null)
            {
                errors.Add($"{at}.amount", "is required for a purchase.");
            }

            if (timestamp > now + options.MaxEventClockSkew)
            {
                errors.Add($"{at}.timestamp", $"is in the future ({timestamp:O}; now {now:O}).");
            }
            else if (timestamp < now - options.MaxEventAge)
            {
                errors.Add($"{at}.timestamp", $"is more than {options.MaxEventAge.TotalDays:0} days in the past ({timestamp:O}; Gateway:MaxEventAge).");
            }

            if (errors.IsEmpty)
            {
                if (!byCustomer.TryGetValue(customerId!, out var events))
                {
                    byCustomer[customerId!] = events = [];
                }

                events.Add(new CustomerEventInput(
                    eventId!, type!.Value, sku, item.Quantity ?? 1, item.Amount ?? 0m, timestamp!.Value));
            }
        }

        return (byCustomer, errors);
    }
}
