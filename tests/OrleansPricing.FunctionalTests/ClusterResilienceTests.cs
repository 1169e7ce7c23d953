using System.Net;

namespace OrleansPricing.FunctionalTests;

/// <summary>Each test builds its own cluster on Azurite: silos come and go, state stays.</summary>
[Trait("Requires", "Azurite")]
public sealed class ClusterResilienceTests : IAsyncLifetime
{
    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task State_survives_its_silo_being_stopped()
    {
        var firstSilo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("restart-sku", inventory: 10));
        var now = DateTimeOffset.UtcNow;
        await (await http.PostJsonAsync("/api/v1/events", new object[]
        {
            new { eventId = "restart-e1", customerId = "restart-customer", type = "cart", sku = "restart-sku", timestamp = now },
        })).ExpectAsync(HttpStatusCode.Accepted);
        var quote = (await (await http.PostJsonAsync("/api/v1/quotes",
            new { customerId = "restart-customer", skus = new[] { "restart-sku" } })).ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!;
        var order = new { orderId = "restart-order", customerId = "restart-customer",
            lines = new[] { new { sku = "restart-sku", quantity = 4 } } };
        var placed = await (await http.PostJsonAsync("/api/v1/orders", order)).ExpectAsync(HttpStatusCode.OK);

        // Everything acknowledged so far was persisted before the answer: stop the only silo and bring up a fresh one.
        await _cluster.StopGatewaysAsync();
        await _cluster.StopSiloAsync(firstSilo);
        await _cluster.StartSiloAsync();
        http = await _cluster.StartGatewayAsync();

        var product = await http.GetJsonAsync("/api/v1/products/restart-sku");
        Assert.Equal(6, (int)product["available"]!);
        Assert.Equal(4, (int)product["unitsSold"]!);
        var customer = await http.GetJsonAsync("/api/v1/customers/restart-customer");
        Assert.True((bool)customer["known"]!);
        Assert.Equal(1, (int)customer["eventsApplied"]!);
        Assert.Equal(1, (int)customer["features"]!["lifetimePurchases"]!);
        Assert.Equal((string)quote["quoteId"]!, (string)customer["openQuotes"]![0]!["quoteId"]!);
        var replay = await (await http.PostJsonAsync("/api/v1/orders", order)).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)replay["replayed"]!);
        Assert.Equal(placed["total"].AsMoney(), replay["total"].AsMoney());
        Assert.Equal(6, (int)(await http.GetJsonAsync("/api/v1/products/restart-sku"))["available"]!);
    }

    [Fact]
    public async Task Two_silos_serve_one_customer_consistently()
    {
        await _cluster.StartSiloAsync();
        await _cluster.StartSiloAsync();
        var gatewayA = await _cluster.StartGatewayAsync();
        var gatewayB = await _cluster.StartGatewayAsync();
        await gatewayA.PutProductsAsync(Api.Product("two-silo-sku", inventory: 12));
        var now = DateTimeOffset.UtcNow;

        // Events for one customer arrive through both gateways at once; the customer lives in one activation.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var gateway = i % 2 == 0 ? gatewayA : gatewayB;
            await (await gateway.PostJsonAsync("/api/v1/events", new object[]
            {
                new { eventId = $"two-silo-e{i}", customerId = "two-silo-customer", type = "view", sku = "two-silo-sku", timestamp = now.AddSeconds(-i) },
            })).ExpectAsync(HttpStatusCode.Accepted);
        }));
        var orders = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? gatewayA : gatewayB).PostJsonAsync(
            "/api/v1/orders",
            new { orderId = $"two-silo-order-{i}", customerId = "two-silo-customer", lines = new[] { new { sku = "two-silo-sku", quantity = 1 } } })));

        var fromA = await gatewayA.GetJsonAsync("/api/v1/customers/two-silo-customer");
        var fromB = await gatewayB.GetJsonAsync("/api/v1/customers/two-silo-customer");
        Assert.Equal(30, (int)fromA["eventsApplied"]!);
        Assert.Equal(30, (int)fromB["eventsApplied"]!);
        // Decayed counters are read at each request's instant, so the two reads differ only by decay in between.
        Assert.Equal((double)fromA["features"]!["decayedViews"]!, (double)fromB["features"]!["decayedViews"]!, 3);
        Assert.Equal(12, orders.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(8, orders.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(12, (int)fromB["features"]!["lifetimePurchases"]!);
        Assert.Equal(0, (int)(await gatewayB.GetJsonAsync("/api/v1/products/two-silo-sku"))["available"]!);
    }
}
