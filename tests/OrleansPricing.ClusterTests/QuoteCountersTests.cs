using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.Customers;

namespace OrleansPricing.ClusterTests;

/// <summary>What a quote makes durable goes to the customer's small quote counters, not its whole state (docs/quotes.md).</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuoteCountersTests(ClusterFixture fixture)
{
    private const string MainState = "customer";
    private const string CountersState = "quote-counters";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_discounted_quote_writes_its_counts_and_not_the_customer_state_and_holds_the_next_offers_ahead()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_discounted_quote_writes_its_counts_and_not_the_customer_state_and_holds_the_next_offers_ahead));
        var customer = Grains.GetGrain<ICustomerGrain>("counted-customer");
        await customer.RecordEventsAsync([new("counted-view", CustomerEventKind.View, mug.Sku, 1, 0m, ClusterFixture.Time.GetUtcNow())]);

        // The activation's first quote also makes the decision log's pseudonym key, once a customer, in the main state.
        var first = await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"));
        var afterFirst = Writes(customer);
        var second = await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"));

        Assert.True(first.Quotes.Single().Discount > 0);
        Assert.True(second.Quotes.Single().Discount > 0);
        Assert.Equal((2, 1), afterFirst);
        // The first write held the rest of the day's cap of 5 ahead: the second discounted quote writes nothing.
        Assert.Equal((2, 1), Writes(customer));
        var stored = await ReadAsync<QuoteCounters>(customer, CountersState);
        Assert.Equal((1, 1, 4, 1), (stored.QuotingActivations, stored.DiscountedOffersToday, stored.DiscountedOffersHeld, stored.OffersSeen));
        var view = await customer.GetAsync();
        Assert.Equal((2, 2), (view.DiscountedOffersToday, view.Features.OffersSeen));
    }

    [Fact]
    public async Task Offers_held_ahead_go_back_when_the_activation_ends()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Offers_held_ahead_go_back_when_the_activation_ends));
        var customer = Grains.GetGrain<ICustomerGrain>("returning-customer");
        await DiscountedQuoteAsync(customer, mug.Sku);
        await DiscountedQuoteAsync(customer, mug.Sku);
        var before = Writes(customer);

        await customer.AsReference<IGrainManagementExtension>().DeactivateOnIdle(CancellationToken.None);
        await WaitForAsync(() => Writes(customer).Counters > before.Counters);

        Assert.Equal((before.State, before.Counters + 1), Writes(customer));
        var stored = await ReadAsync<QuoteCounters>(customer, CountersState);
        Assert.Equal((2, 0, 2), (stored.DiscountedOffersToday, stored.DiscountedOffersHeld, stored.OffersSeen));
        // The next activation goes on from the exact count: 3 of the day's 5 offers are left.
        var view = await customer.GetAsync();
        Assert.Equal((2, 2), (view.DiscountedOffersToday, view.Features.OffersSeen));
    }

    [Fact]
    public async Task Offers_an_activation_held_and_never_gave_back_count_as_shown_so_the_cap_holds()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Offers_an_activation_held_and_never_gave_back_count_as_shown_so_the_cap_holds));
        var customer = Grains.GetGrain<ICustomerGrain>("lost-activation-customer");
        // As an activation lost with its silo left them: one offer shown, the other four of the day's cap of 5 held.
        await StoreCountersAsync(customer, new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 1, DiscountedOffersHeld = 4, OffersSeen = 1 });

        var quote = await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"));

        Assert.Equal(0, quote.Quotes.Single().Discount);
        Assert.Equal(5, (await customer.GetAsync()).DiscountedOffersToday);
    }

    [Fact]
    public async Task An_order_that_redeems_an_offer_shown_without_a_write_writes_the_counts_first()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(An_order_that_redeems_an_offer_shown_without_a_write_writes_the_counts_first));
        var customer = Grains.GetGrain<ICustomerGrain>("redeeming-customer");
        await DiscountedQuoteAsync(customer, mug.Sku);
        var held = await DiscountedQuoteAsync(customer, mug.Sku);
        Assert.Equal(1, (await ReadAsync<QuoteCounters>(customer, CountersState)).OffersSeen);

        await Grains.GetGrain<IOrderGrain>("redeeming-order").PlaceAsync(
            new OrderRequest("redeeming-customer", [new OrderLineRequest(mug.Sku, 1, held.Token)]));

        // Stored, the offers shown are never fewer than those redeemed.
        Assert.Equal(2, (await ReadAsync<QuoteCounters>(customer, CountersState)).OffersSeen);
        Assert.Equal(1, (await ReadAsync<CustomerState>(customer, MainState)).Features.OffersRedeemed);
    }

    [Fact]
    public async Task A_purchase_event_that_answers_an_offer_shown_without_a_write_writes_the_counts_first()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_purchase_event_that_answers_an_offer_shown_without_a_write_writes_the_counts_first));
        var customer = Grains.GetGrain<ICustomerGrain>("event-redeeming-customer");
        await DiscountedQuoteAsync(customer, mug.Sku);
        var held = await DiscountedQuoteAsync(customer, mug.Sku);
        Assert.Equal(1, (await ReadAsync<QuoteCounters>(customer, CountersState)).OffersSeen);

        await customer.RecordEventsAsync(
            [new("event-redeeming-1", CustomerEventKind.Purchase, mug.Sku, 1, held.Price, ClusterFixture.Time.GetUtcNow())]);

        // Stored, the offers shown are never fewer than those redeemed.
        Assert.Equal(2, (await ReadAsync<QuoteCounters>(customer, CountersState)).OffersSeen);
        Assert.Equal(1, (await ReadAsync<CustomerState>(customer, MainState)).Features.OffersRedeemed);
    }

    [Fact]
    public async Task A_list_price_quote_writes_nothing_also_the_first_of_an_activation()
    {
        var name = nameof(A_list_price_quote_writes_nothing_also_the_first_of_an_activation);
        var plate = new ProductDefinition($"{name}-PLATE", "home", 10m, 4m, 10m, 0.0, 100);
        Assert.True((await Grains.GetGrain<IProductGrain>(plate.Sku).UpsertAsync(plate)).Applied);
        var mug = await TestCatalog.DefineMugAsync(Grains, name);
        var customer = Grains.GetGrain<ICustomerGrain>("list-price-customer");
        // A customer stored before (its pseudonym key made by an earlier quote), quoted by a new activation.
        await Storage().WriteStateAsync(MainState, customer.GetGrainId(), new GrainState<CustomerState>(new CustomerState { PseudonymKey = new byte[32] }));
        var before = Writes(customer);

        var atListPrice = await customer.QuoteAsync(new QuoteRequest([plate.Sku], "web"));
        var afterListPrice = Writes(customer);
        var discounted = await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"));

        Assert.Equal(0, atListPrice.Quotes.Single().Discount);
        Assert.Equal(before, afterListPrice);
        Assert.True(discounted.Quotes.Single().Discount > 0);
        Assert.Equal((before.State, before.Counters + 1), Writes(customer));
        // The activation's count goes with the discounted quote's counts.
        var stored = await ReadAsync<QuoteCounters>(customer, CountersState);
        Assert.Equal((1, 1), (stored.QuotingActivations, stored.DiscountedOffersToday));
    }

    [Fact]
    public async Task A_discounted_quote_whose_counts_cannot_be_written_is_not_answered_and_counts_nothing()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_discounted_quote_whose_counts_cannot_be_written_is_not_answered_and_counts_nothing));
        var customer = Grains.GetGrain<ICustomerGrain>("unwritten-customer");
        // One offer shown today and none held: the next discounted quote must write.
        await StoreCountersAsync(customer, new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 1, OffersSeen = 1 });

        // One write fails; the activation's end could write again, and must not.
        FailingGrainStorage.FailWrites(customer.GetGrainId(), times: 1);
        var failed = await Assert.ThrowsAsync<OrleansException>(() => customer.QuoteAsync(new QuoteRequest([mug.Sku], "web")));
        Assert.IsType<TimeoutException>(failed.InnerException);

        // The activation that held the unwritten count was discarded, writing nothing as it ended: what is read is what storage has.
        var view = await customer.GetAsync();
        Assert.Equal((1, 1), (view.DiscountedOffersToday, view.Features.OffersSeen));
    }

    [Fact]
    public async Task Counts_a_state_kept_itself_before_the_counters_carry_over_once()
    {
        var name = nameof(Counts_a_state_kept_itself_before_the_counters_carry_over_once);
        var mugs = new[] { await TestCatalog.DefineMugAsync(Grains, $"{name}-1"), await TestCatalog.DefineMugAsync(Grains, $"{name}-2") };
        var customer = Grains.GetGrain<ICustomerGrain>("carried-customer");
        // A state as silos before 2026-12-01 wrote it, with its own quote counts (a customer who has not bought yet, whom the prior discounts).
        var written = new CustomerState
        {
            OffersDay = Today,
            DiscountedOffersToday = 4,
            QuotingActivations = 3,
            CampaignOffersToday = { ["earlier-campaign"] = 2 },
        };
        written.Features.OffersSeen = 3;
        await Storage().WriteStateAsync(MainState, customer.GetGrainId(), new GrainState<CustomerState>(written));

        var quote = await customer.QuoteAsync(new QuoteRequest([.. mugs.Select(mug => mug.Sku)], "web"));

        // The daily cap of 5 goes on from the 4 offers the state counted: one of the two lines is discounted.
        Assert.Equal(1, quote.Quotes.Count(line => line.Discount > 0));
        var view = await customer.GetAsync();
        Assert.Equal(5, view.DiscountedOffersToday);
        Assert.Equal(4, view.Features.OffersSeen);
        var counters = await ReadAsync<QuoteCounters>(customer, CountersState);
        Assert.Equal((4, 5, 4, 2), (counters.QuotingActivations, counters.DiscountedOffersToday, counters.OffersSeen, counters.CampaignOffersToday["earlier-campaign"]));
        var main = await ReadAsync<CustomerState>(customer, MainState);
        Assert.Equal((default, 0, 0, 0), (main.OffersDay, main.DiscountedOffersToday, main.QuotingActivations, main.CampaignOffersToday.Count));
    }

    private static DateOnly Today => DateOnly.FromDateTime(ClusterFixture.Time.GetUtcNow().UtcDateTime);

    /// <summary>A quote of <paramref name="sku"/> alone, which the shipped prior discounts for these customers (checked).</summary>
    private static async Task<Quote> DiscountedQuoteAsync(ICustomerGrain customer, string sku)
    {
        var quote = (await customer.QuoteAsync(new QuoteRequest([sku], "web"))).Quotes.Single();
        Assert.True(quote.Discount > 0, "the shipped model discounts a high-margin item for a new customer");
        return quote;
    }

    private Task StoreCountersAsync(ICustomerGrain customer, QuoteCounters stored) =>
        Storage().WriteStateAsync(CountersState, customer.GetGrainId(), new GrainState<QuoteCounters>(stored));

    /// <summary>Deactivation runs after the call that asks for it: waited for, at most 10 s.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 10_000, "the condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }

    private static (int State, int Counters) Writes(ICustomerGrain customer) =>
        (FailingGrainStorage.WritesOf(customer.GetGrainId(), MainState), FailingGrainStorage.WritesOf(customer.GetGrainId(), CountersState));

    private IGrainStorage Storage() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(PricingStorage.Name);

    private async Task<T> ReadAsync<T>(ICustomerGrain customer, string stateName) where T : new()
    {
        var read = new GrainState<T>(new T());
        await Storage().ReadStateAsync(stateName, customer.GetGrainId(), read);
        return read.State!;
    }
}
