using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansPricing.Client.Requests;
using OrleansPricing.Client.Validation;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Client.Security;

namespace OrleansPricing.Client.Apis;

public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/products").WithTags("Products");
        api.MapPut("/", UpsertProductsAsync)
            .WithName("UpsertProducts")
            .WithSummary("Defines or redefines products: prices, limits and inventory on hand.")
            .Accepts<ProductRequest[]>("application/json")
            .ProducesProblems(StatusCodes.Status409Conflict)
            .RequireManagementKey();
        api.MapGet("/", ListProductsAsync)
            .WithName("ListProducts")
            .WithSummary("A page of products in SKU order: up to `limit` (1–500, default 50) after the SKU `after`; `next` is the cursor of the following page.");
        api.MapGet("/{sku}", GetProductAsync)
            .WithName("GetProduct")
            .WithSummary("A product with its reserved and available units.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<UpsertProductsResponse>, ValidationProblem, ProblemHttpResult>> UpsertProductsAsync(
        JsonBody<List<ProductRequest?>> body, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var (definitions, errors) = Validate(body.Value, options.Value);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var outcomes = await Task.WhenAll(definitions.Select(definition =>
            grains.GetGrain<IProductGrain>(definition.Sku).UpsertAsync(definition)));
        var conflicts = definitions.Zip(outcomes)
            .Where(pair => !pair.Second.Applied)
            .ToDictionary(pair => pair.First.Sku, pair => (object?)pair.Second.Conflict);
        if (conflicts.Count > 0)
        {
            return Problems.Conflict(
                "Products not updated",
                $"{conflicts.Count} product(s) were not updated; the other {definitions.Count - conflicts.Count} were.",
                new Dictionary<string, object?> { ["conflicts"] = conflicts, ["upserted"] = definitions.Count - conflicts.Count });
        }

        return TypedResults.Ok(new UpsertProductsResponse(definitions.Count));
    }

    public const int MaxPageSize = 500;

    /// <summary>
    /// Merges the directory's partitions: each returns its first <paramref name="limit"/> SKUs after the cursor, so the
    /// page is the first <paramref name="limit"/> of their union. A SKU listed but never written (its definition failed
    /// to store) is skipped.
    /// </summary>
    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> ListProductsAsync(
        IGrainFactory grains, string? after, int? limit)
    {
        var errors = new ValidationErrors();
        if (after is not null)
        {
            errors.Id("after", after);
        }

        errors.Limit(limit, MaxPageSize);

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var size = limit ?? 50;
        var partitions = await Task.WhenAll(Enumerable.Range(0, IProductDirectoryGrain.Partitions)
            .Select(partition => grains.GetGrain<IProductDirectoryGrain>(partition).ListAsync(after, size + 1)));
        var skus = partitions.SelectMany(partition => partition).Order(StringComparer.Ordinal).Take(size + 1).ToList();
        var page = skus.Take(size).ToList();
        var products = await Task.WhenAll(page.Select(sku => grains.GetGrain<IProductGrain>(sku).GetAsync()));
        return TypedResults.Ok(new ProductPage([.. products.OfType<ProductView>()], skus.Count > size ? page[^1] : null));
    }

    public static async Task<Results<Ok<ProductView>, ValidationProblem, ProblemHttpResult>> GetProductAsync(
        string sku, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        if (errors.Id("sku", sku) is null)
        {
            return Problems.Validation(errors);
        }

        var product = await grains.GetGrain<IProductGrain>(sku).GetAsync();
        return product is null
            ? Problems.NotFound($"No product with SKU '{sku}'.")
            : TypedResults.Ok(product);
    }

    public static (List<ProductDefinition> Definitions, ValidationErrors Errors) Validate(
        IReadOnlyList<ProductRequest?> items, GatewayOptions options)
    {
        var errors = new ValidationErrors();
        var definitions = new List<ProductDefinition>();
        errors.Count("body", items, options.MaxBatchItems);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(at, "must be a product object.");
                continue;
            }

            var sku = errors.Id($"{at}.sku", item.Sku);
            var category = errors.Id($"{at}.category", item.Category);
            var listPrice = errors.Required($"{at}.listPrice", item.ListPrice);
            var unitCost = errors.Required($"{at}.unitCost", item.UnitCost);
            var floorPrice = errors.Required($"{at}.floorPrice", item.FloorPrice);
            var maxDiscount = errors.Required($"{at}.maxDiscount", item.MaxDiscount);
            var inventory = errors.Required($"{at}.inventory", item.Inventory);

            if (sku is not null && !seen.Add(sku))
            {
                errors.Add($"{at}.sku", $"SKU '{sku}' appears more than once in the batch.");
            }

            if (listPrice <= 0)
            {
                errors.Add($"{at}.listPrice", "must be positive.");
            }

            errors.AtMostMaxMoney($"{at}.listPrice", listPrice);
            errors.AtMostMaxMoney($"{at}.unitCost", unitCost);

            if (unitCost < 0)
            {
                errors.Add($"{at}.unitCost", "must not be negative.");
            }

            if (floorPrice < 0)
            {
                errors.Add($"{at}.floorPrice", "must not be negative.");
            }
            else if (listPrice > 0 && floorPrice > listPrice)
            {
                errors.Add($"{at}.floorPrice", $"must not exceed the list price ({listPrice}).");
            }

            if (maxDiscount is { } discount && (!double.IsFinite(discount) || discount < 0 || discount >= 1))
            {
                errors.Add($"{at}.maxDiscount", "must be a fraction in [0, 1).");
            }

            if (inventory < 0)
            {
                errors.Add($"{at}.inventory", "must not be negative.");
            }

            if (errors.IsEmpty)
            {
                definitions.Add(new ProductDefinition(
                    sku!, category!, listPrice!.Value, unitCost!.Value, floorPrice!.Value, maxDiscount!.Value, inventory!.Value));
            }
        }

        return (definitions, errors);
    }
}
