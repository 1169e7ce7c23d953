using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class InventoryTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Concurrent_orders_never_oversell()
    {
        var product = await TestCatalog.DefineMugAsync(Grains, nameof(Concurrent_orders_never_oversell), inventory: 20);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Grains.GetGrain<IOrderGrain>($"oversell-{i}").PlaceAsync(
                new OrderRequest($"oversell-customer-{i % 7}", [new OrderLineRequest(product.Sku, 1, null)]))));

        Assert.Equal(20, outcomes.Count(o => o.Status == OrderStatus.Completed));
        Assert.Equal(40, outcomes.Count(o => o.Status == OrderStatus.InsufficientInventory));
        var view = await Grains.GetGrain<IProductGrain>(product.Sku).GetAsync();
        Assert.Equal(0, view!.Inventory);
        Assert.Equal(0, view.Reserved);
        Assert.Equal(20, view.UnitsSold);
    }

    [Fact]
    public async Task Order_short_on_one_line_changes_nothing()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Order_short_on_one_line_changes_nothing), inventory: 10);
        var phones = await TestCatalog.DefineHeadphonesAsync(Grains, nameof(Order_short_on_one_line_changes_nothing), inventory: 1);

        var outcome = await Grains.GetGrain<IOrderGrain>("short-line").PlaceAsync(new OrderRequest(
            "short-customer", [new OrderLineRequest(mug.Sku, 3, null), new OrderLineRequest(phones.Sku, 2, null)]));

        Assert.Equal(OrderStatus.InsufficientInventory, outcome.Status);
        Assert.Equal(phones.Sku, outcome.Sku);
        Assert.Equal(10, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
        Assert.Equal(1, (await Grains.GetGrain<IProductGrain>(phones.Sku).GetAsync())!.Available);
        Assert.Null(await Grains.GetGrain<IOrderGrain>("short-line").GetAsync());

        // Once stock arrives the same order id can be placed.
        await Grains.GetGrain<IProductGrain>(phones.Sku).UpsertAsync(phones with { Inventory = 5 });
        var retry = await Grains.GetGrain<IOrderGrain>("short-line").PlaceAsync(new OrderRequest(
            "short-customer", [new OrderLineRequest(mug.Sku, 3, null), new OrderLineRequest(phones.Sku, 2, null)]));
        Assert.Equal(OrderStatus.Completed, retry.Status);
        Assert.Equal(7, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
        Assert.Equal(3, (await Grains.GetGrain<IProductGrain>(phones.Sku).GetAsync())!.Available);
    }

    [Fact]
    public async Task Lapsed_reservation_frees_its_units()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Lapsed_reservation_frees_its_units), inventory: 5);
        var grain = Grains.GetGrain<IProductGrain>(mug.Sku);

        Assert.Equal(ReservationStatus.Reserved, (await grain.ReserveAsync("stalled-order", 4)).Status);
        Assert.Equal(1, (await grain.GetAsync())!.Available);
        Assert.Equal(ReservationStatus.InsufficientInventory, (await grain.ReserveAsync("other-order", 2)).Status);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(5, (await grain.GetAsync())!.Available);
        Assert.Equal(ReservationStatus.Reserved, (await grain.ReserveAsync("other-order", 2)).Status);
    }

    [Fact]
    public async Task Inventory_cannot_be_set_below_reserved_units()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Inventory_cannot_be_set_below_reserved_units), inventory: 5);
        var grain = Grains.GetGrain<IProductGrain>(mug.Sku);
        await grain.ReserveAsync("holding-order", 4);

        var outcome = await grain.UpsertAsync(mug with { Inventory = 3 });

        Assert.False(outcome.Applied);
        Assert.Contains("4 units reserved", outcome.Conflict);
        Assert.Equal(5, (await grain.GetAsync())!.Inventory);
    }
}
