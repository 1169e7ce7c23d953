using Orleans.Runtime;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class CustomerTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Redelivered_events_are_applied_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Redelivered_events_are_applied_once));
        var customer = Grains.GetGrain<ICustomerGrain>("dedupe-customer");
        var now = ClusterFixture.Time.GetUtcNow();
        CustomerEventInput[] batch =
        [
            new("ev-1", CustomerEventKind.View, mug.Sku, 1, 0m, now.AddHours(-2)),
            new("ev-2", CustomerEventKind.Cart, mug.Sku, 1, 0m, now.AddHours(-1)),
            new("ev-3", CustomerEventKind.Purchase, mug.Sku, 1, 12.50m, now.AddMinutes(-30)),
        ];

        var first = await customer.RecordEventsAsync(batch);
        var again = await customer.RecordEventsAsync([batch[2], batch[0], new("ev-4", CustomerEventKind.View, mug.Sku, 1, 0m, now)]);

        Assert.Equal(new EventBatchOutcome(3, 0, 0), first);
        Assert.Equal(new EventBatchOutcome(1, 2, 0), again);
        var view = await customer.GetAsync();
        Assert.Equal(4, view.EventsApplied);
        Assert.Equal(1, view.Features.LifetimePurchases);
        Assert.Equal(12.50m, view.Features.LifetimeSpend);
        Assert.Equal(1.0, view.Features.CategoryAffinity["home"], 12);
        Assert.Equal("occasional", view.Segment.Name);
        // The window the sequence encoder reads: each event once, newest first, whatever order they arrived in.
        Assert.Equal(
            [
                new RecentEventView(now, CustomerEventKind.View, "home", 0m, 0m),
                new RecentEventView(now.AddMinutes(-30), CustomerEventKind.Purchase, "home", 12.50m, 0m),
                new RecentEventView(now.AddHours(-1), CustomerEventKind.Cart, "home", 0m, 0m),
                new RecentEventView(now.AddHours(-2), CustomerEventKind.View, "home", 0m, 0m),
            ],
            view.Features.RecentEvents!);
    }

    [Fact]
    public async Task A_purchase_event_paid_below_list_price_counts_as_a_discounted_purchase()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_purchase_event_paid_below_list_price_counts_as_a_discounted_purchase));
        var customer = Grains.GetGrain<ICustomerGrain>("history-discount-customer");
        var now = ClusterFixture.Time.GetUtcNow();

        // Two mugs at 12.50 list: 20.00 paid is 5.00 below; one at 12.46 is rounding; one at 13.00 (say, with tax) is list.
        await customer.RecordEventsAsync(
        [
            new("hd-1", CustomerEventKind.Purchase, mug.Sku, 2, 20.00m, now.AddDays(-3)),
            new("hd-2", CustomerEventKind.Purchase, mug.Sku, 1, 12.46m, now.AddDays(-2)),
            new("hd-3", CustomerEventKind.Purchase, mug.Sku, 1, 13.00m, now.AddDays(-1)),
        ]);

        var features = (await customer.GetAsync()).Features;
        Assert.Equal(3, features.LifetimePurchases);
        // A discounted purchase, but no answer to the cluster's offers (the redemption rate counts only those).
        Assert.Equal((1, 0), (features.DiscountedPurchases, features.OffersRedeemed));
        Assert.Equal(5.00m, features.DiscountReceived);
        Assert.Equal(5.00m, features.RecentEvents!.Single(e => e.Amount == 20.00m).DiscountAmount);
        Assert.All(features.RecentEvents!.Where(e => e.Amount != 20.00m), e => Assert.Equal(0m, e.DiscountAmount));
    }

    [Fact]
    public async Task An_event_whose_write_failed_is_applied_by_its_retry_not_taken_for_a_duplicate()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(An_event_whose_write_failed_is_applied_by_its_retry_not_taken_for_a_duplicate));
        var customer = Grains.GetGrain<ICustomerGrain>("storage-outage-customer");
        CustomerEventInput[] events = [new("outage-ev-1", CustomerEventKind.Cart, mug.Sku, 1, 0m, ClusterFixture.Time.GetUtcNow())];

        FailingGrainStorage.FailWrites(customer.GetGrainId());
        try
        {
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => customer.RecordEventsAsync(events));
            Assert.Contains("a test's outage", failed.ToString());
        }
        finally
        {
            FailingGrainStorage.AllowWrites(customer.GetGrainId());
        }

        var retried = await customer.RecordEventsAsync(events);

        Assert.Equal(new EventBatchOutcome(1, 0, 0), retried);
        Assert.Equal(1, (await customer.GetAsync()).EventsApplied);
    }

    [Fact]
    public async Task A_batch_that_fails_on_another_grain_changes_nothing_so_its_retry_applies_every_event()
    {
        var name = nameof(A_batch_that_fails_on_another_grain_changes_nothing_so_its_retry_applies_every_event);
        var mug = await TestCatalog.DefineMugAsync(Grains, name);
        var unreadable = Grains.GetGrain<IProductGrain>($"{name}-unreadable");
        var customer = Grains.GetGrain<ICustomerGrain>("product-outage-customer");
        var now = ClusterFixture.Time.GetUtcNow();
        // The second event's category comes from a product grain that cannot activate.
        CustomerEventInput[] events =
        [
            new("product-outage-ev-1", CustomerEventKind.View, mug.Sku, 1, 0m, now.AddMinutes(-2)),
            new("product-outage-ev-2", CustomerEventKind.View, unreadable.GetPrimaryKeyString(), 1, 0m, now.AddMinutes(-1)),
        ];

        FailingGrainStorage.FailReads(unreadable.GetGrainId());
        try
        {
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => customer.RecordEventsAsync(events));
            Assert.Contains("a test's outage", failed.ToString());
        }
        finally
        {
            FailingGrainStorage.AllowReads(unreadable.GetGrainId());
        }

        // Before, the first event was applied and the second marked as seen without its features when the call failed,
        // so the retry took both for duplicates and the second view never counted.
        var retried = await customer.RecordEventsAsync(events);

        Assert.Equal(new EventBatchOutcome(2, 0, 0), retried);
        var view = await customer.GetAsync();
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(2, view.Features.RecentEvents!.Count);
    }

    [Fact]
    public async Task A_purchase_that_cites_no_quote_is_the_purchase_of_the_quote_then_live_for_its_sku()
    {
        var name = nameof(A_purchase_that_cites_no_quote_is_the_purchase_of_the_quote_then_live_for_its_sku);
        var mug = await TestCatalog.DefineMugAsync(Grains, name);
        var headphones = await TestCatalog.DefineHeadphonesAsync(Grains, name, inventory: 100);
        var lamp = await TestCatalog.DefineMugAsync(Grains, $"{name}-lamp");
        var customerId = "attribution-customer";
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        var quotes = (await customer.QuoteAsync(new QuoteRequest([mug.Sku, headphones.Sku], "web"))).Quotes.ToDictionary(q => q.Sku);

        // The storefront orders the mug without its quote's token (say, because it was at list price), reports the
        // headphones as a purchase event, and orders a lamp it never asked a quote for.
        await Grains.GetGrain<IOrderGrain>("attribution-order").PlaceAsync(
            new OrderRequest(customerId, [new OrderLineRequest(mug.Sku, 1, null), new OrderLineRequest(lamp.Sku, 1, null)]));
        await customer.RecordEventsAsync([new("attribution-event", CustomerEventKind.Purchase, headphones.Sku, 1, headphones.ListPrice, ClusterFixture.Time.GetUtcNow())]);
        foreach (var writer in fixture.SiloServices<DecisionLogWriter>())
        {
            await writer.FlushAsync();
        }

        var purchases = Directory.GetFiles(ClusterFixture.DecisionLogDirectory, "purchases-*.csv").SelectMany(File.ReadLines)
            .Select(line => line.Split(',')).Where(fields => fields[1] is "attribution-order" or "attribution-event")
            .Select(fields => (DecisionId: fields[0], PurchaseId: fields[1])).Order().ToList();
        Assert.Equal(
            [(quotes[mug.Sku].QuoteId, "attribution-order"), (quotes[headphones.Sku].QuoteId, "attribution-event")],
            purchases.OrderBy(p => p.PurchaseId == "attribution-event").ToList());
    }

    [Fact]
    public async Task A_purchase_event_paid_at_a_live_discounted_quotes_price_answers_it_as_an_order_citing_its_token_would()
    {
        var name = nameof(A_purchase_event_paid_at_a_live_discounted_quotes_price_answers_it_as_an_order_citing_its_token_would);
        var mugs = await TestCatalog.DefineMugsAsync(Grains, name, 3);

        var customer = Grains.GetGrain<ICustomerGrain>("event-answer-customer");
        var quotes = (await customer.QuoteAsync(new QuoteRequest([.. mugs.Select(mug => mug.Sku)], "web"))).Quotes;
        // The shipped model discounts a high-margin item for a new customer; an exploration draw may quote a line at list price.
        var answered = quotes.First(quote => quote.Price < quote.ListPrice);
        var other = quotes.First(quote => quote != answered);
        var now = ClusterFixture.Time.GetUtcNow();

        // The shop's own checkout honours the quote's price and reports it as an event, then the same mug again at that
        // price (a quote is answered once), and another mug at list price.
        await customer.RecordEventsAsync(
        [
            new("event-answer-1", CustomerEventKind.Purchase, answered.Sku, 1, answered.Price, now),
            new("event-answer-2", CustomerEventKind.Purchase, answered.Sku, 1, answered.Price, now.AddSeconds(1)),
            new("event-answer-3", CustomerEventKind.Purchase, other.Sku, 1, other.ListPrice, now.AddSeconds(2)),
        ]);

        var features = (await customer.GetAsync()).Features;
        var chosen = answered.Reasons.Contains(DecisionReasons.Exploration) ? 0 : 1;
        Assert.Equal((3, quotes.Count(quote => quote.Price < quote.ListPrice), 1), (features.LifetimePurchases, features.OffersSeen, features.OffersRedeemed));
        // The answer on a model's level is a model-priced purchase; the second purchase at that price is the customer's own.
        Assert.Equal((chosen, chosen * answered.Price, 2 - chosen), (features.ModelPricedPurchases, features.ModelPricedSpend, features.DiscountedPurchases));
    }

    [Fact]
    public async Task A_quote_answered_by_an_order_citing_its_token_is_not_answered_again_by_a_purchase_event_of_the_sale()
    {
        var name = nameof(A_quote_answered_by_an_order_citing_its_token_is_not_answered_again_by_a_purchase_event_of_the_sale);
        var mugs = await TestCatalog.DefineMugsAsync(Grains, name, 3);

        var customer = Grains.GetGrain<ICustomerGrain>("order-then-event-customer");
        var quotes = (await customer.QuoteAsync(new QuoteRequest([.. mugs.Select(mug => mug.Sku)], "web"))).Quotes;
        var answered = quotes.First(quote => quote.Price < quote.ListPrice);

        // A shop that places the order through the API and also streams every sale as a purchase event reports it twice.
        await Grains.GetGrain<IOrderGrain>("order-then-event").PlaceAsync(
            new OrderRequest("order-then-event-customer", [new OrderLineRequest(answered.Sku, 1, answered.Token)]));
        await customer.RecordEventsAsync(
            [new("order-then-event-1", CustomerEventKind.Purchase, answered.Sku, 1, answered.Price, ClusterFixture.Time.GetUtcNow())]);

        // The order answered the offer; the event is a purchase of the customer's own, so no more offers are redeemed than shown.
        var features = (await customer.GetAsync()).Features;
        Assert.Equal((2, 1), (features.LifetimePurchases, features.OffersRedeemed));
    }

    [Fact]
    public async Task A_cart_add_of_a_quoted_sku_that_ends_in_its_purchase_is_taken_back_and_one_left_in_the_cart_stays()
    {
        var name = nameof(A_cart_add_of_a_quoted_sku_that_ends_in_its_purchase_is_taken_back_and_one_left_in_the_cart_stays);
        var mugs = await TestCatalog.DefineMugsAsync(Grains, name, 4);

        var customerId = "cart-then-buy-customer";
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        var now = ClusterFixture.Time.GetUtcNow();
        // A cart add before any quote, of a mug then ordered: no quote line links them, so it stays.
        await customer.RecordEventsAsync([new("cart-before-quote", CustomerEventKind.Cart, mugs[3].Sku, 1, 0, now)]);
        var quotes = (await customer.QuoteAsync(new QuoteRequest([mugs[0].Sku, mugs[1].Sku, mugs[2].Sku], "web"))).Quotes.ToDictionary(q => q.Sku);

        // The storefront reports a cart add of each quoted mug; the first is ordered on its token, the second bought as
        // a purchase event at list price, the third left in the cart.
        await customer.RecordEventsAsync([.. mugs.Take(3).Select(mug => new CustomerEventInput($"cart-{mug.Sku}", CustomerEventKind.Cart, mug.Sku, 1, 0, now))]);
        await Grains.GetGrain<IOrderGrain>("cart-then-buy-order").PlaceAsync(new OrderRequest(customerId,
            [new OrderLineRequest(mugs[0].Sku, 1, quotes[mugs[0].Sku].Token), new OrderLineRequest(mugs[3].Sku, 1, null)]));
        await customer.RecordEventsAsync([new("bought-second", CustomerEventKind.Purchase, mugs[1].Sku, 1, mugs[1].ListPrice, now)]);

        var features = (await customer.GetAsync()).Features;
        Assert.Equal((2.0, 2), (features.DecayedCartAdds, features.LifetimePurchases));
    }

    [Fact]
    public async Task Unknown_customer_is_a_new_customer()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Unknown_customer_is_a_new_customer));

        var view = await Grains.GetGrain<ICustomerGrain>("never-seen").GetAsync();
        var quotes = await Grains.GetGrain<ICustomerGrain>("never-seen-2").QuoteAsync(new QuoteRequest([mug.Sku, "NOPE"], "web"));

        Assert.False(view.Known);
        Assert.Equal("new", view.Segment.Name);
        Assert.Equal(mug.Sku, quotes.Quotes.Single().Sku);
        Assert.Equal("new", quotes.Quotes.Single().Segment);
        Assert.Equal(new QuoteItemError("NOPE", QuoteItemError.UnknownSku, "No product with SKU 'NOPE'."), quotes.Errors.Single());
    }

    [Fact]
    public async Task Quotes_respect_floor_and_maximum_discount()
    {
        var phones = await TestCatalog.DefineHeadphonesAsync(Grains, nameof(Quotes_respect_floor_and_maximum_discount));

        var quote = (await Grains.GetGrain<ICustomerGrain>("floor-customer")
            .QuoteAsync(new QuoteRequest([phones.Sku], "app"))).Quotes.Single();

        Assert.True(quote.Price >= phones.FloorPrice, $"price {quote.Price} under floor {phones.FloorPrice}");
        Assert.True(quote.Discount <= phones.MaxDiscount);
        Assert.True(quote.ExpiresAt == ClusterFixture.Time.GetUtcNow().AddMinutes(15));
    }

    [Fact]
    public async Task Daily_discount_cap_holds_and_resets_next_day()
    {
        var name = nameof(Daily_discount_cap_holds_and_resets_next_day);
        var skus = (await TestCatalog.DefineMugsAsync(Grains, name, 4)).Select(mug => mug.Sku).ToList();

        var customer = Grains.GetGrain<ICustomerGrain>("capped-customer");
        var first = await customer.QuoteAsync(new QuoteRequest(skus, "web"));
        var second = await customer.QuoteAsync(new QuoteRequest(skus, "web"));

        Assert.Equal(4, first.Quotes.Count(q => q.Discount > 0));
        Assert.Equal(1, second.Quotes.Count(q => q.Discount > 0));
        Assert.Equal(3, second.Quotes.Count(q => q.Reasons.Contains(DecisionReasons.DailyDiscountCapReached)));
        Assert.Equal(5, (await customer.GetAsync()).DiscountedOffersToday);

        ClusterFixture.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await customer.QuoteAsync(new QuoteRequest(skus, "web"));
        Assert.Contains(nextDay.Quotes, q => q.Discount > 0);
    }
}
