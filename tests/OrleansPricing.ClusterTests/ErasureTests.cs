using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.ClusterTests;

/// <summary>The right to erasure: the customer reads as new, old quotes are refused, the decision log never names the customer.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ErasureTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_erased_customer_reads_as_new_old_quotes_are_refused_and_the_log_holds_only_a_pseudonym()
    {
        const string customerId = "erasure-customer-5b1";
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(ErasureTests));
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        var now = ClusterFixture.Time.GetUtcNow();
        await customer.RecordEventsAsync([new("erasure-ev-1", CustomerEventKind.Purchase, mug.Sku, 2, 25m, now.AddDays(-3))]);
        var quote = (await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        var pseudonym = await customer.GetPseudonymAsync();
        foreach (var writer in fixture.SiloServices<DecisionLogWriter>())
        {
            await writer.FlushAsync();
        }

        var logged = DecisionLogFolder.Read(ClusterFixture.DecisionLogDirectory, now: null, TimeSpan.FromMinutes(15))
            .Single(record => record.DecisionId == quote.QuoteId);
        Assert.Equal(pseudonym, logged.CustomerId);
        Assert.Equal(64, pseudonym!.Length);
        Assert.DoesNotContain(Directory.GetFiles(ClusterFixture.DecisionLogDirectory).SelectMany(File.ReadLines),
            line => line.Contains(customerId, StringComparison.Ordinal));

        await customer.EraseAsync();

        var erased = await customer.GetAsync();
        Assert.Equal((0, 0m, 0), (erased.Features.LifetimePurchases, erased.Features.LifetimeSpend, erased.EventsApplied));
        Assert.Equal("new", erased.Segment.Name);
        Assert.Null(await customer.GetPseudonymAsync());
        var refused = await Grains.GetGrain<IOrderGrain>("erasure-order").PlaceAsync(
            new OrderRequest(customerId, [new OrderLineRequest(mug.Sku, 1, quote.Token)]));
        Assert.Equal(OrderStatus.QuoteRejected, refused.Status);
        Assert.Equal("The quote was issued before the customer's data was erased.", refused.Detail);

        // Quoted again, the customer gets a new key: nothing links the new rows to the old ones.
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
        var fresh = (await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        Assert.NotEqual(pseudonym, await customer.GetPseudonymAsync());
        var order = await Grains.GetGrain<IOrderGrain>("erasure-order-2").PlaceAsync(
            new OrderRequest(customerId, [new OrderLineRequest(mug.Sku, 1, fresh.Token)]));
        Assert.Equal(OrderStatus.Completed, order.Status);
    }
}
