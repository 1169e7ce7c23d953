using System.Net;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Scoring;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansPricing.Grains.Campaigns;

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
        // The newest-events window came back from table storage too: the order, then the cart add.
        Assert.Equal(["purchase", "cart"], customer["features"]!["recentEvents"]!.AsArray().Select(e => (string)e!["type"]!));
        var replay = await (await http.PostJsonAsync("/api/v1/orders", order)).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)replay["replayed"]!);
        Assert.Equal(placed["total"].AsMoney(), replay["total"].AsMoney());
        Assert.Equal(6, (int)(await http.GetJsonAsync("/api/v1/products/restart-sku"))["available"]!);

        // A quote signed by the stopped silo is honoured by the new one: nothing about it was stored, the key is shared.
        var quoted = await (await http.PostJsonAsync("/api/v1/orders", new
        {
            orderId = "restart-order-2", customerId = "restart-customer",
            lines = new[] { new { sku = "restart-sku", quantity = 1, quoteToken = (string)quote["token"]! } },
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)quoted["lines"]![0]!["quoteHonoured"]!);
        Assert.Equal(quote["price"].AsMoney(), quoted["total"].AsMoney());
    }

    [Fact]
    public async Task A_model_larger_than_a_table_row_is_kept_in_blob_storage_and_served_after_a_restart()
    {
        var silo = await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("big-model-sku", inventory: 10));
        var (onnx, card) = TestModels.SmallNetworkOnnx("big-1", [512, 512]);
        Assert.True(onnx.Length > 1_000_000, $"the model has {onnx.Length} bytes, not more than an Azure Table row holds");

        await (await http.PostJsonAsync("/api/v1/admin/models", new { version = "big-1", onnx = Convert.ToBase64String(onnx), card })).ExpectAsync(HttpStatusCode.Created);
        var activated = await (await http.PostAsync("/api/v1/admin/models/big-1/activate", null)).ExpectAsync(HttpStatusCode.OK);
        // The silo serves it when the answer comes: the change is pushed to every silo, not left to their poll.
        Assert.Equal("big-1", (string)activated["silos"]!.AsArray().Single()!["activeVersion"]!);

        // A fresh silo reads the registry from the table and the model file from blob storage, and prices with it.
        await _cluster.StopGatewaysAsync();
        await _cluster.StopSiloAsync(silo);
        await _cluster.StartSiloAsync();
        http = await _cluster.StartGatewayAsync();
        var registry = await http.GetJsonAsync("/api/v1/admin/models");
        Assert.Equal("big-1", (string)registry["active"]!);
        Assert.Equal(onnx.Length, (int)registry["versions"]!.AsArray().Single(v => (string)v!["version"]! == "big-1")!["bytes"]!);
        string? model = null;
        for (var attempt = 0; attempt < 100 && model != "onnx-response@big-1"; attempt++)
        {
            var response = await http.PostJsonAsync("/api/v1/quotes", new { customerId = "big-model-customer", skus = new[] { "big-model-sku" } });
            model = response.IsSuccessStatusCode ? (string?)(await response.ExpectAsync(HttpStatusCode.OK))["model"] : null;
            await Task.Delay(100);
        }

        Assert.Equal("onnx-response@big-1", model);
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

    [Fact]
    public async Task A_silo_that_stops_hands_its_campaign_lease_back_to_the_other_silos()
    {
        var doomed = await _cluster.StartSiloAsync();
        await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        var now = DateTimeOffset.UtcNow;
        await (await http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/hand-back",
            $$"""{"start":"{{now.AddHours(-1):O}}","end":"{{now.AddDays(1):O}}","budget":1000,"skus":["hand-back-sku"]}"""))
            .ExpectAsync(HttpStatusCode.OK);

        // The silo takes its first lease as a quote's refresh would, and holds it with no open quote.
        var leases = doomed.Services.GetRequiredService<CampaignServing>();
        await leases.RefreshNowAsync();
        var held = (await http.GetJsonAsync("/api/v1/admin/campaigns/hand-back"))["leasesByHolder"]![leases.Holder].AsMoney();
        Assert.True(held > 0, "the silo must hold a lease before it stops");

        await _cluster.StopSiloAsync(doomed);

        // Handed back as it stopped, not after the lease's expiry: free again for the silos that go on quoting.
        var campaign = await http.GetJsonAsync("/api/v1/admin/campaigns/hand-back");
        Assert.Null(campaign["leasesByHolder"]![leases.Holder]);
        Assert.Equal(0m, campaign["leased"].AsMoney());
        Assert.Equal(1000m, campaign["available"].AsMoney());
    }

    [Fact]
    public async Task Stopping_a_silo_mid_campaign_loses_no_order_and_overspends_nothing()
    {
        var doomed = await _cluster.StartSiloAsync();
        await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        var skus = Enumerable.Range(0, 4).Select(i => $"kill-sku-{i}").ToArray();
        await http.PutProductsAsync(skus.Select(sku => Api.Product(sku, inventory: 1000)).ToArray());
        var now = DateTimeOffset.UtcNow;
        const decimal Budget = 20m;
        await (await http.SendRawAsync(HttpMethod.Put, "/api/v1/admin/campaigns/kill-campaign",
            $$"""{"start":"{{now.AddHours(-1):O}}","end":"{{now.AddDays(1):O}}","budget":{{Budget}},"skus":["{{string.Join("\",\"", skus)}}"],"discountGrid":[0,0.1,0.2,0.3],"maxDiscount":0.3,"holdoutFraction":0,"explorationRate":0}"""))
            .ExpectAsync(HttpStatusCode.OK);

        // Forty customers, spread over both silos, take quotes; half of them order before the silo stops.
        var quotes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = $"kill-customer-{i}", skus = new[] { skus[i % skus.Length] } }))
                .ExpectAsync(HttpStatusCode.OK))["quotes"]![0]!));
        Assert.Contains(quotes, quote => quote["price"].AsMoney() < quote["listPrice"].AsMoney());
        async Task<JsonNode> OrderAsync(int i) => await (await http.PostJsonAsync("/api/v1/orders", new
        {
            orderId = $"kill-order-{i}",
            customerId = $"kill-customer-{i}",
            lines = new[] { new { sku = (string)quotes[i]["sku"]!, quantity = 1, quoteToken = (string)quotes[i]["token"]! } },
        })).ExpectAsync(HttpStatusCode.OK);
        var before = new List<JsonNode>();
        for (var i = 0; i < 20; i++)
        {
            before.Add(await OrderAsync(i));
        }

        // As it stops, the silo hands back the free part of its lease and keeps what its open quotes reserved.
        var leases = doomed.Services.GetRequiredService<CampaignServing>();
        var served = (await leases.ActiveAsync()).Single(served => served.CampaignId == "kill-campaign").Budget;
        var leasedBefore = await http.GetJsonAsync("/api/v1/admin/campaigns/kill-campaign");
        await _cluster.StopSiloAsync(doomed);
        var handedBack = await http.GetJsonAsync("/api/v1/admin/campaigns/kill-campaign");
        // A lease of nothing (spent by the orders, or shrunk to no open reservation) is not listed.
        var (leased, kept) = (leasedBefore["leasesByHolder"]![leases.Holder]?.AsMoney() ?? 0, handedBack["leasesByHolder"]![leases.Holder]?.AsMoney() ?? 0);
        Assert.Equal(served.Reserved, kept);
        Assert.Equal(leasedBefore["leased"].AsMoney() - (leased - kept), handedBack["leased"].AsMoney());

        // The other half order after the stop: their customers and quotes come back on the surviving silo, and the
        // discounts reserved in the stopped silo's lease are still drawn from it (what is left is reclaimed after 30 minutes).
        var after = new List<JsonNode>();
        for (var i = 20; i < 40; i++)
        {
            after.Add(await OrderAsync(i));
        }

        foreach (var (placed, i) in before.Concat(after).Select((order, i) => (order, i)))
        {
            var line = placed["lines"]![0]!;
            Assert.True((bool)line["quoteHonoured"]!, $"order {i} must get its quoted price");
            Assert.Equal(quotes[i]["price"].AsMoney(), line["unitPrice"].AsMoney());
        }

        foreach (var (placed, i) in before.Select((order, i) => (order, i)))
        {
            var stored = await http.GetJsonAsync($"/api/v1/orders/kill-order-{i}");
            Assert.Equal(placed["total"].AsMoney(), stored["total"].AsMoney());
        }

        var campaign = await http.GetJsonAsync("/api/v1/admin/campaigns/kill-campaign");
        var discounts = before.Concat(after).Sum(order => order["lines"]![0]!["listPrice"].AsMoney() - order["lines"]![0]!["unitPrice"].AsMoney());
        Assert.Equal(discounts, campaign["spent"].AsMoney());
        Assert.True(campaign["spent"].AsMoney() + campaign["leased"].AsMoney() <= Budget,
            $"spent {campaign["spent"]} + leased {campaign["leased"]} must stay within {Budget}");
        Assert.Equal(40, (int)campaign["treatmentConversions"]!);

        // Every campaign, customer and order state read back from storage alone, on a fresh silo, says the same. The last
        // silo is killed, not stopped: a stopping silo's hand-back is a lease call, which moves the duals on.
        await _cluster.StopGatewaysAsync();
        await _cluster.KillSiloAsync(_cluster.Silos.Single());
        await _cluster.StartSiloAsync();
        http = await _cluster.StartGatewayAsync();
        var reread = await http.GetJsonAsync("/api/v1/admin/campaigns/kill-campaign");
        Assert.Equal(campaign["spent"].AsMoney(), reread["spent"].AsMoney());
        Assert.Equal(campaign["revenue"].AsMoney(), reread["revenue"].AsMoney());
        Assert.Equal((double)campaign["duals"]!["lambda"]!, (double)reread["duals"]!["lambda"]!, 12);
        var replay = await (await http.PostJsonAsync("/api/v1/orders", new
        {
            orderId = "kill-order-39",
            customerId = "kill-customer-39",
            lines = new[] { new { sku = (string)quotes[39]["sku"]!, quantity = 1, quoteToken = (string)quotes[39]["token"]! } },
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)replay["replayed"]!);
        Assert.Equal(campaign["spent"].AsMoney(), (await http.GetJsonAsync("/api/v1/admin/campaigns/kill-campaign"))["spent"].AsMoney());
    }
}
