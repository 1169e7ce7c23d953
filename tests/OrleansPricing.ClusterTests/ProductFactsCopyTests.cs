using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;

namespace OrleansPricing.ClusterTests;

/// <summary>
/// Each silo quotes from its copy of a product's terms for Pricing:ProductFactsMaxAge (1 s): the product's own silo
/// drops its copy on every change, another silo's copy serves until it is that old (docs/quotes.md).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProductFactsCopyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_change_is_quoted_at_once_on_the_products_silo_and_within_the_maximum_age_on_the_other()
    {
        var kettle = new ProductDefinition("copy-KETTLE", "home", 40m, 10m, 30m, 0.30, 100);
        var product = fixture.Grains.GetGrain<IProductGrain>(kettle.Sku);
        Assert.True((await product.UpsertAsync(kettle)).Applied);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var productSilo = await management.GetActivationAddress(product);

        // Placement is random: customers until one is on the product's silo and one on the other (bounded).
        ICustomerGrain? near = null, far = null;
        for (var i = 0; i < 64 && (near is null || far is null); i++)
        {
            var customer = fixture.Grains.GetGrain<ICustomerGrain>($"copy-customer-{i}");
            await customer.GetPseudonymAsync();
            if (Equals(await management.GetActivationAddress(customer), productSilo))
            {
                near ??= customer;
            }
            else
            {
                far ??= customer;
            }
        }

        Assert.NotNull(near);
        Assert.NotNull(far);
        async Task<decimal> ListPriceAsync(ICustomerGrain customer) =>
            (await customer.QuoteAsync(new QuoteRequest([kettle.Sku], "web"))).Quotes.Single().ListPrice;

        Assert.Equal(40m, await ListPriceAsync(near));
        Assert.Equal(40m, await ListPriceAsync(far));

        Assert.True((await product.UpsertAsync(kettle with { ListPrice = 55m, FloorPrice = 50m })).Applied);

        Assert.Equal(55m, await ListPriceAsync(near));
        Assert.Equal(40m, await ListPriceAsync(far));
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(55m, await ListPriceAsync(far));
    }
}
