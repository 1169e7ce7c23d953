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
        return api;
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
