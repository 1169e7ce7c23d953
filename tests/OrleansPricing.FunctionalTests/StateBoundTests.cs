using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Contracts.Scoring;
using Xunit.Abstractions;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// State stays within an Azure Table row however much traffic one key sees: thousands of quotes for one customer,
/// more orders on one SKU and one campaign than their replay memories keep, a 2 MiB model — then a silo restart, after
/// which everything still reads, writes and serves.
/// </summary>
[Trait("Requires", "Azurite")]
public sealed class StateBoundTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Quotes = 20_000;
    private const int Events = 6_000; // past the 5,000 event ids remembered
    /// <summary>Past the 1,000 sales and campaign orders remembered; PRICING_BOUND_ORDERS asks for more (a long run).</summary>
    private static readonly int Orders = int.TryParse(Environment.GetEnvironmentVariable("PRICING_BOUND_ORDERS"), out var orders) ? orders : 1_200;
    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A quote, asked again when the scoring pool sheds it (a 503 a client would retry).</summary>
    private static async Task<QuoteResponse> QuoteAsync(ICustomerGrain customer)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await customer.QuoteAsync(new QuoteRequest(["bound-sku"], "web"));
            }
            catch (ScoringUnavailableException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task One_customer_sku_campaign_and_a_2_MiB_model_stay_within_storage_and_survive_a_restart()
    {
        var silo = await _cluster.StartSiloAsync();
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var now = DateTimeOffset.UtcNow;
        Assert.True((await grains.GetGrain<IProductGrain>("bound-sku").UpsertAsync(new ProductDefinition("bound-sku", "home", 20m, 5m, 10m, 0.3, 1_000_000))).Applied);
        Assert.True((await grains.GetGrain<ICampaignGrain>("bound-campaign").SaveAsync(new CampaignDefinition(
            "bound-campaign", now.AddHours(-1), now.AddDays(1), 1_000_000m, null, CampaignDefaults.DiscountGrid, 1_000, 0.3,
            ["bound-sku"], [], 0.1, 0.05, new Dictionary<string, int>()))).Ok);
        var clock = Stopwatch.StartNew();

        var customer = grains.GetGrain<ICustomerGrain>("bound-customer");
        for (var i = 0; i < Quotes; i++)
        {
            await QuoteAsync(customer);
        }

        for (var batch = 0; batch < Events / 1_000; batch++)
        {
            await customer.RecordEventsAsync([.. Enumerable.Range(batch * 1_000, 1_000).Select(i =>
                new CustomerEventInput($"bound-event-{i:D5}", CustomerEventKind.View, "bound-sku", 1, 0m, now.AddSeconds(i - Events)))]);
        }

        var quoted = clock.Elapsed;

        // Orders on campaign quotes, 32 at a time, from customers who each quote and order twice.
        var placed = 0;
        await Parallel.ForAsync(0, Orders, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var buyer = $"bound-buyer-{i / 2}";
            var quote = (await QuoteAsync(grains.GetGrain<ICustomerGrain>(buyer))).Quotes.Single();
            var outcome = await grains.GetGrain<IOrderGrain>($"bound-order-{i}").PlaceAsync(
                new OrderRequest(buyer, [new OrderLineRequest("bound-sku", 1, quote.Token)]));
            Assert.Equal(OrderStatus.Completed, outcome.Status);
            Interlocked.Increment(ref placed);
        });
        var ordered = clock.Elapsed - quoted;

        var http = await _cluster.StartGatewayAsync();
        var (onnx, card) = TestModels.SmallNetworkOnnx("bound-2mib", [720, 720]);
        Assert.True(onnx.Length > 2 * 1024 * 1024, $"the model has {onnx.Length} bytes");
        await (await http.PostJsonAsync("/api/v1/admin/models", new { version = "bound-2mib", onnx = Convert.ToBase64String(onnx), card }))
            .ExpectAsync(HttpStatusCode.Created);
        output.WriteLine($"{Quotes} quotes and {Events} events for one customer in {quoted.TotalSeconds:F1} s; {placed} orders on one SKU and campaign in {ordered.TotalSeconds:F1} s; model {onnx.Length:N0} bytes");

        // A fresh silo reads every row back and keeps serving — the customer's two rows, its state and its quote counters, apart.
        var counted = await customer.GetAsync();
        Assert.True(counted.Features.OffersSeen > 0);
        await _cluster.StopGatewaysAsync();
        await _cluster.StopSiloAsync(silo);
        silo = await _cluster.StartSiloAsync();
        grains = silo.Services.GetRequiredService<IGrainFactory>();
        customer = grains.GetGrain<ICustomerGrain>("bound-customer");
        http = await _cluster.StartGatewayAsync();

        var read = await customer.GetAsync();
        Assert.Equal((counted.EventsApplied, counted.Features.OffersSeen), (read.EventsApplied, read.Features.OffersSeen));
        var product = (await grains.GetGrain<IProductGrain>("bound-sku").GetAsync())!;
        Assert.Equal(Orders, product.UnitsSold);
        var campaign = (await grains.GetGrain<ICampaignGrain>("bound-campaign").GetAsync())!;
        Assert.Equal(Orders, campaign.TreatmentConversions + campaign.HoldoutConversions);
        Assert.NotEmpty((await QuoteAsync(customer)).Quotes);
        var replay = await grains.GetGrain<IOrderGrain>($"bound-order-{Orders - 1}").PlaceAsync(
            new OrderRequest($"bound-buyer-{(Orders - 1) / 2}", [new OrderLineRequest("bound-sku", 1, null)]));
        Assert.Equal(OrderStatus.OrderIdConflict, replay.Status); // the stored order, not a second sale
        var buyer = grains.GetGrain<ICustomerGrain>("bound-after-restart");
        var fresh = (await QuoteAsync(buyer)).Quotes.Single();
        Assert.Equal(OrderStatus.Completed, (await grains.GetGrain<IOrderGrain>("bound-after-restart-order").PlaceAsync(
            new OrderRequest("bound-after-restart", [new OrderLineRequest("bound-sku", 1, fresh.Token)]))).Status);
        Assert.Equal(Orders + 1, (await grains.GetGrain<IProductGrain>("bound-sku").GetAsync())!.UnitsSold);
        var registry = await http.GetJsonAsync("/api/v1/admin/models");
        Assert.Contains(registry["versions"]!.AsArray(), v => (string)v!["version"]! == "bound-2mib" && (int)v["bytes"]! == onnx.Length);
    }
}
