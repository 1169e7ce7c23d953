using Microsoft.AspNetCore.Http.HttpResults;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireManagementKey();
        api.MapGet("/{customerId}", GetCustomerAsync)
            .WithName("GetCustomer")
            .WithSummary("A customer's live features, segment and discount state; an unknown customer shows as new.");
        api.MapDelete("/{customerId}", EraseCustomerAsync)
            .WithName("EraseCustomer")
            .WithSummary("Erases a customer (right to erasure): state and used quotes are deleted, logged decisions become unlinkable, earlier quotes are refused.");
        return api;
    }

    public static async Task<Results<NoContent, ValidationProblem>> EraseCustomerAsync(string customerId, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("customerId", customerId) is null)
        {
            return Problems.Validation(errors);
        }

        await grains.GetGrain<ICustomerGrain>(customerId).EraseAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CustomerView>, ValidationProblem>> GetCustomerAsync(string customerId, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("customerId", customerId) is null)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(customerId).GetAsync());
    }
}
