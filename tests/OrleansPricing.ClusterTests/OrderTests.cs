using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Policy;

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
    public async Task Each_line_that_takes_a_discounted_quote_redeems_one_offer_as_each_counted_one_shown()
    {
        var name = nameof(Each_line_that_takes_a_discounted_quote_redeems_one_offer_as_each_counted_one_shown);
        var (first, second) = (await TestCatalog.DefineMugAsync(Grains, name + "-a"), await TestCatalog.DefineMugAsync(Grains, name + "-b"));
        var customer = Grains.GetGrain<ICustomerGrain>("two-line-customer");
        var quotes = (await customer.QuoteAsync(new QuoteRequest([first.Sku, second.Sku], "web"))).Quotes;
        Assert.All(quotes, quote => Assert.True(quote.Price < quote.ListPrice, "the shipped model discounts a high-margin item for a new customer"));

        await Grains.GetGrain<IOrderGrain>("two-line-order").PlaceAsync(
            new OrderRequest("two-line-customer", [.. quotes.Select(quote => new OrderLineRequest(quote.Sku, 1, quote.Token))]));

        var features = (await customer.GetAsync()).Features;
        Assert.Equal((2, 2, 1), (features.OffersSeen, features.OffersRedeemed, features.LifetimePurchases));
        // An order on the levels a model chose is a model-priced purchase, which the discount-affinity share and depth leave out.
        Assert.Equal((0, 1, features.LifetimeSpend), (features.DiscountedPurchases, features.ModelPricedPurchases, features.ModelPricedSpend));
    }

    [Fact]
    public async Task An_order_on_a_models_quote_at_list_price_is_the_customers_own_purchase()
    {
        // No discount allowed: the model's quote is at list price, and no exploration draw sets its level.
        var book = new ProductDefinition($"{nameof(An_order_on_a_models_quote_at_list_price_is_the_customers_own_purchase)}-BOOK", "books", 20m, 8m, 20m, 0, 10);
        Assert.True((await Grains.GetGrain<IProductGrain>(book.Sku).UpsertAsync(book)).Applied);
        var customer = Grains.GetGrain<ICustomerGrain>("list-price-customer");
        var quote = Assert.Single((await customer.QuoteAsync(new QuoteRequest([book.Sku], "web"))).Quotes);
        Assert.Equal((book.ListPrice, false), (quote.Price, quote.Reasons.Contains(DecisionReasons.Exploration)));

        await Grains.GetGrain<IOrderGrain>("list-price-order").PlaceAsync(
            new OrderRequest("list-price-customer", [new OrderLineRequest(book.Sku, 1, quote.Token)]));

        // No discount won it, so it counts as the customer's own purchase: in the frequency and the discounted share's denominator.
        var features = (await customer.GetAsync()).Features;
        Assert.Equal((1, 0, 0m, 0, 0), (features.LifetimePurchases, features.ModelPricedPurchases, features.ModelPricedSpend, features.DiscountedPurchases, features.OffersRedeemed));
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
    public async Task Valid_quote_is_honoured_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Valid_quote_is_honoured_once));
        var customer = Grains.GetGrain<ICustomerGrain>("honoured-customer");
        var quote = (await customer.QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        Assert.True(quote.Price < mug.ListPrice, "the shipped model discounts a high-margin item for a new customer");

        var order = await Grains.GetGrain<IOrderGrain>("honoured-order").PlaceAsync(
            new OrderRequest("honoured-customer", [new OrderLineRequest(mug.Sku, 2, quote.Token)]));

        var line = order.Lines.Single();
        Assert.True(line.QuoteHonoured);
        Assert.Equal((quote.QuoteId, quote.Price, quote.Price * 2), (line.QuoteId, line.UnitPrice, order.Total));
        Assert.Equal(1, (await customer.GetAsync()).Features.OffersRedeemed);

        // The quote is spent: another order citing it is refused; the first order's retry is answered as before.
        var again = await Grains.GetGrain<IOrderGrain>("honoured-order-2").PlaceAsync(
            new OrderRequest("honoured-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]));
        Assert.Equal((OrderStatus.QuoteAlreadyUsed, "The quote was already used by order 'honoured-order'.", mug.Sku), (again.Status, again.Detail, again.Sku));
        Assert.Null(await Grains.GetGrain<IOrderGrain>("honoured-order-2").GetAsync());
        var retried = await Grains.GetGrain<IOrderGrain>("honoured-order").PlaceAsync(
            new OrderRequest("honoured-customer", [new OrderLineRequest(mug.Sku, 2, quote.Token)]));
        Assert.Equal((true, order.Total), (retried.Replayed, retried.Total));
    }

    [Fact]
    public async Task Altered_foreign_mismatched_or_expired_quotes_are_refused_and_nothing_is_kept()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Altered_foreign_mismatched_or_expired_quotes_are_refused_and_nothing_is_kept), inventory: 10);
        var cup = await TestCatalog.DefineMugAsync(Grains, nameof(Altered_foreign_mismatched_or_expired_quotes_are_refused_and_nothing_is_kept) + "-cup", inventory: 10);
        var quote = (await Grains.GetGrain<ICustomerGrain>("expiring-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        var parts = quote.Token!.Split('.');
        var claims = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[2].Length % 4) % 4)));
        var cheaper = claims.Replace($"\"price\":{quote.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "\"price\":0.01", StringComparison.Ordinal);
        Assert.NotEqual(claims, cheaper);
        var altered = string.Join('.', parts[0], parts[1], Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(cheaper)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[3]);

        async Task<OrderOutcome> Place(string orderId, string customerId, string sku, int units, string token) =>
            await Grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(new OrderRequest(customerId, [new OrderLineRequest(sku, units, token)]));

        Assert.Equal((OrderStatus.QuoteRejected, "The quote token is not valid: this service did not issue it, or it was altered."),
            ((await Place("altered-quote-order", "expiring-customer", mug.Sku, 1, altered)) is var a ? (a.Status, a.Detail) : default));
        Assert.Equal((OrderStatus.QuoteRejected, "The quote token is not valid: this service did not issue it, or it was altered."),
            ((await Place("forged-quote-order", "expiring-customer", mug.Sku, 1, "q1.cluster-tests.e30.AAAA")) is var f ? (f.Status, f.Detail) : default));
        Assert.Equal((OrderStatus.QuoteRejected, "The quote was signed with a key this service does not hold."),
            ((await Place("foreign-key-order", "expiring-customer", mug.Sku, 1, quote.Token.Replace(".cluster-tests.", ".other-key."))) is var k ? (k.Status, k.Detail) : default));
        Assert.Equal((OrderStatus.QuoteRejected, "The quote was issued to another customer."),
            ((await Place("foreign-quote-order", "someone-else", mug.Sku, 1, quote.Token)) is var o ? (o.Status, o.Detail) : default));
        Assert.Equal((OrderStatus.QuoteRejected, $"The quote is for SKU '{mug.Sku}', not '{cup.Sku}'."),
            ((await Place("other-sku-order", "expiring-customer", cup.Sku, 1, quote.Token)) is var s ? (s.Status, s.Detail) : default));

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(16));
        var expired = await Place("expired-quote-order", "expiring-customer", mug.Sku, 1, quote.Token);
        Assert.Equal((OrderStatus.QuoteRejected, $"The quote expired at {quote.ExpiresAt:O}; ask for a new quote."), (expired.Status, expired.Detail));

        Assert.Equal(10, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
        Assert.Null(await Grains.GetGrain<IOrderGrain>("altered-quote-order").GetAsync());
        Assert.Null(await Grains.GetGrain<IOrderGrain>("expired-quote-order").GetAsync());
    }

    [Fact]
    public async Task Fifty_concurrent_orders_citing_one_quote_honour_it_exactly_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(Fifty_concurrent_orders_citing_one_quote_honour_it_exactly_once), inventory: 100);
        var quote = (await Grains.GetGrain<ICustomerGrain>("fifty-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Grains.GetGrain<IOrderGrain>($"fifty-order-{i}")
            .PlaceAsync(new OrderRequest("fifty-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]))));

        Assert.Single(outcomes, outcome => outcome.Status == OrderStatus.Completed);
        Assert.Equal(49, outcomes.Count(outcome => outcome.Status == OrderStatus.QuoteAlreadyUsed));
        Assert.Equal(99, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
    }

    [Fact]
    public async Task A_quote_claimed_by_an_order_that_fails_is_free_again()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_quote_claimed_by_an_order_that_fails_is_free_again), inventory: 1);
        var quote = (await Grains.GetGrain<ICustomerGrain>("short-stock-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();

        var tooMany = await Grains.GetGrain<IOrderGrain>("short-stock-order").PlaceAsync(
            new OrderRequest("short-stock-customer", [new OrderLineRequest(mug.Sku, 2, quote.Token)]));
        var one = await Grains.GetGrain<IOrderGrain>("short-stock-order-2").PlaceAsync(
            new OrderRequest("short-stock-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]));

        Assert.Equal(OrderStatus.InsufficientInventory, tooMany.Status);
        Assert.Equal((OrderStatus.Completed, true, quote.Price), (one.Status, one.Lines.Single().QuoteHonoured, one.Total));
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

    [Fact]
    public async Task An_order_its_client_abandoned_is_finished_by_its_reminder()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(An_order_its_client_abandoned_is_finished_by_its_reminder), inventory: 10);
        var customer = Grains.GetGrain<ICustomerGrain>("abandoned-customer");
        var order = Grains.GetGrain<IOrderGrain>("abandoned-order");

        // The last step (recording the purchase on the customer) times out after the units were taken; the client gives up.
        FailingGrainStorage.FailWrites(customer.GetGrainId());
        try
        {
            var timedOut = await Assert.ThrowsAsync<OrleansException>(() => order.PlaceAsync(new OrderRequest("abandoned-customer", [new OrderLineRequest(mug.Sku, 2, null)])));
            Assert.IsType<TimeoutException>(timedOut.InnerException);
        }
        finally
        {
            FailingGrainStorage.AllowWrites(customer.GetGrainId());
        }

        Assert.Null(await order.GetAsync());
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(11)); // past Pricing:OrderRecoveryAfter (10 minutes here)
        OrderOutcome? outcome = null;
        for (var attempt = 0; attempt < 100 && outcome is null; attempt++)
        {
            await Task.Delay(100); // the reminder ticks every second
            outcome = await order.GetAsync();
        }

        Assert.Equal(OrderStatus.Completed, outcome?.Status);
        Assert.Equal(25.00m, outcome!.Total);
        var product = (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!;
        Assert.Equal((2, 8), (product.UnitsSold, product.Available));
        Assert.Equal(1, (await customer.GetAsync()).Features.LifetimePurchases);
    }

    [Fact]
    public async Task A_step_that_keeps_failing_is_undone_and_recorded_as_failed_not_retried_forever()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_step_that_keeps_failing_is_undone_and_recorded_as_failed_not_retried_forever), inventory: 10);
        var customer = Grains.GetGrain<ICustomerGrain>("poisoned-customer");
        var order = Grains.GetGrain<IOrderGrain>("poisoned-order");
        var request = new OrderRequest("poisoned-customer", [new OrderLineRequest(mug.Sku, 3, null)]);

        FailingGrainStorage.FailWrites(customer.GetGrainId(), poison: true);
        OrderOutcome failed;
        try
        {
            await Assert.ThrowsAsync<OrleansException>(() => order.PlaceAsync(request));
            await Assert.ThrowsAsync<OrleansException>(() => order.PlaceAsync(request));
            failed = await order.PlaceAsync(request); // the third attempt (Pricing:OrderMaxFailedAttempts) gives up
        }
        finally
        {
            FailingGrainStorage.AllowWrites(customer.GetGrainId());
        }

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.StartsWith("A step of the order failed 3 times (OrleansException", failed.Detail);
        var product = (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!;
        Assert.Equal((0, 10), (product.UnitsSold, product.Available));
        Assert.Equal(OrderStatus.Failed, (await order.PlaceAsync(request)).Status); // recorded: a retry gets the same answer
        Assert.Equal(10, (await Grains.GetGrain<IProductGrain>(mug.Sku).GetAsync())!.Available);
    }

    [Fact]
    public async Task A_stock_commit_whose_write_failed_is_redone_by_the_retry_and_counted_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, nameof(A_stock_commit_whose_write_failed_is_redone_by_the_retry_and_counted_once), inventory: 10);
        var product = Grains.GetGrain<IProductGrain>(mug.Sku);
        var order = Grains.GetGrain<IOrderGrain>("stock-outage-order");
        var request = new OrderRequest("stock-outage-customer", [new OrderLineRequest(mug.Sku, 3, null)]);

        FailingGrainStorage.FailWrites(product.GetGrainId(), after: 1); // the reservation is stored, the commit is not
        try
        {
            await Assert.ThrowsAsync<OrleansException>(() => order.PlaceAsync(request));
        }
        finally
        {
            FailingGrainStorage.AllowWrites(product.GetGrainId());
        }

        Assert.Equal(0, (await product.GetAsync())!.UnitsSold); // the failed commit was not kept in memory either
        var retried = await order.PlaceAsync(request);

        Assert.Equal(OrderStatus.Completed, retried.Status);
        Assert.Equal((3, 7), ((await product.GetAsync())!.UnitsSold, (await product.GetAsync())!.Available));
    }
}
