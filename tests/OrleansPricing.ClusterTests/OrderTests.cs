using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class OrderTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Retried_order_is_charged_and_counted_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Retried_order_is_charged_and_counted_once), inventory: 10);
        var request = new OrderRequest("retry-customer", [new OrderLineRequest(mug.Sku, 2, null)]);

        var first = await Grains.GetGrain<IOrderGrain>("retry-order").PlaceAsync(request);
        var second = await Grains.GetGrain<IOrderGrain>("retry-order").PlaceAsync(request);

        Assert.Equal(OrderStatus.Completed, first.Status);
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.CompletedAt, second.CompletedAt);
        Assert.Equal(25.00m, second.Total);
        Assert.Equal(8, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
        var customer = await Grains.GetGrain<ICustomerGrain>("retry-customer").GetAsync();
        Assert.Equal(1, customer.Features.LifetimePurchases);
        Assert.Equal(25.00m, customer.Features.LifetimeSpend);
    }

    [Fact]
    public async Task Reused_order_id_with_other_content_is_refused()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Reused_order_id_with_other_content_is_refused), inventory: 10);
        await Grains.GetGrain<IOrderGrain>("reused-order").PlaceAsync(
            new OrderRequest("reused-customer", [new OrderLineRequest(mug.Sku, 1, null)]));

        var conflict = await Grains.GetGrain<IOrderGrain>("reused-order").PlaceAsync(
            new OrderRequest("reused-customer", [new OrderLineRequest(mug.Sku, 5, null)]));

        Assert.Equal(OrderStatus.OrderIdConflict, conflict.Status);
        Assert.Equal(9, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
    }

    [Fact]
    public async Task Valid_quote_is_honoured_and_then_closed()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Valid_quote_is_honoured_and_then_closed));
        var customer = Grains.GetGrain<ICustomerGrain>("honoured-customer");
        var quote = (await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        Assert.True(quote.Price < mug.ListPrice, "the shipped model discounts a high-margin item for a new customer");

        var order = await Grains.GetGrain<IOrderGrain>("honoured-order").PlaceAsync(
            new OrderRequest("honoured-customer", [new OrderLineRequest(mug.Sku, 2, quote.QuoteId)]));

        var line = order.Lines.Single();
        Assert.True(line.QuoteHonoured);
        Assert.Equal(quote.Price, line.UnitPrice);
        Assert.Equal(quote.Price * 2, order.Total);
        var view = await customer.GetAsync();
        Assert.Empty(view.OpenQuotes);
        Assert.Equal(1, view.Features.OffersRedeemed);

        // The quote is spent: a second order citing it pays list price.
        var again = await Grains.GetGrain<IOrderGrain>("honoured-order-2").PlaceAsync(
            new OrderRequest("honoured-customer", [new OrderLineRequest(mug.Sku, 1, quote.QuoteId)]));
        Assert.False(again.Lines.Single().QuoteHonoured);
        Assert.Equal(mug.ListPrice, again.Total);
    }

    [Fact]
    public async Task Expired_or_foreign_quote_pays_list_price()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Expired_or_foreign_quote_pays_list_price));
        var quote = (await Grains.GetGrain<ICustomerGrain>("expiring-customer")
            .QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();

        var foreign = await Grains.GetGrain<IOrderGrain>("foreign-quote-order").PlaceAsync(
            new OrderRequest("someone-else", [new OrderLineRequest(mug.Sku, 1, quote.QuoteId)]));
        Assert.False(foreign.Lines.Single().QuoteHonoured);
        Assert.Equal(mug.ListPrice, foreign.Total);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(16));
        var expired = await Grains.GetGrain<IOrderGrain>("expired-quote-order").PlaceAsync(
            new OrderRequest("expiring-customer", [new OrderLineRequest(mug.Sku, 1, quote.QuoteId)]));
        Assert.False(expired.Lines.Single().QuoteHonoured);
        Assert.Equal(mug.ListPrice, expired.Total);
    }

    [Fact]
    public async Task Order_with_a_sku_on_two_lines_is_refused_before_anything_changes()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Order_with_a_sku_on_two_lines_is_refused_before_anything_changes), inventory: 10);

        await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetGrain<IOrderGrain>("two-lines-order").PlaceAsync(
            new OrderRequest("two-lines-customer", [new OrderLineRequest(mug.Sku, 1, null), new OrderLineRequest(mug.Sku, 2, null)])));

        Assert.Equal(10, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
        Assert.Null(await Grains.GetGrain<IOrderGrain>("two-lines-order").GetAsync());
    }

    [Fact]
    public async Task Unknown_sku_is_reported_and_nothing_is_kept()
    {
        var outcome = await Grains.GetGrain<IOrderGrain>("unknown-sku-order").PlaceAsync(
            new OrderRequest("unknown-sku-customer", [new OrderLineRequest("NO-SUCH-SKU", 1, null)]));

        Assert.Equal(OrderStatus.UnknownSku, outcome.Status);
        Assert.Equal("NO-SUCH-SKU", outcome.Sku);
        Assert.Null(await Grains.GetGrain<IOrderGrain>("unknown-sku-order").GetAsync());
    }
}
