using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.ClusterTests;

/// <summary>Quotes priced by a campaign: budget reserved from silo leases, spent by orders, released on expiry, never overspent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignQuoteTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static CampaignDefinition Campaign(
        string id, string sku, decimal budget, double holdout = 0, double exploration = 0, int offersPerDay = 5) =>
        new(id, ClusterFixture.Time.GetUtcNow().AddHours(-1), ClusterFixture.Time.GetUtcNow().AddDays(7), budget, null,
            [0, 0.1, 0.2, 0.3], offersPerDay, 0.3, [sku], [], holdout, exploration, new Dictionary<string, int>());

    private async Task<ICampaignGrain> StartAsync(CampaignDefinition definition)
    {
        var campaign = Grains.GetGrain<ICampaignGrain>(definition.CampaignId);
        Assert.True((await campaign.SaveAsync(definition)).Ok);

        // The clock stands still in these tests, so the silos' periodic refresh is run by hand: they now serve it.
        await RefreshSilosAsync();
        return campaign;
    }

    private async Task RefreshSilosAsync()
    {
        foreach (var serving in fixture.SiloServices<CampaignServing>())
        {
            await serving.RefreshAllAsync();
        }
    }

    private async Task<decimal> ReservedOnSilosAsync(string campaignId)
    {
        var reserved = 0m;
        foreach (var serving in fixture.SiloServices<CampaignServing>())
        {
            reserved += (await serving.ActiveAsync()).FirstOrDefault(c => c.CampaignId == campaignId)?.Budget.Reserved ?? 0;
        }

        return reserved;
    }

    [Fact]
    public async Task A_rollout_has_every_silo_quote_a_new_or_paused_campaign_at_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-rollout");
        var rollout = Grains.GetGrain<IServingRolloutGrain>(0);
        var customers = Enumerable.Range(0, 12).Select(i => Grains.GetGrain<ICustomerGrain>($"campaign-rollout-{i}")).ToList();
        async Task<string?[]> CampaignsQuotedAsync() =>
            (await Task.WhenAll(customers.Select(c => c.QuoteAsync(new QuoteRequest([mug.Sku], "web"))))).Select(q => q.Quotes.Single().Campaign).ToArray();
        async Task<bool[]> ServedBySiloAsync() =>
            await Task.WhenAll(fixture.SiloServices<CampaignServing>().Select(async s => (await s.ActiveAsync()).Any(c => c.CampaignId == "campaign-rollout")));

        // Both silos have just refreshed and the clock stands still: no refresh is due, so only the rollout can bring the change.
        await RefreshSilosAsync();
        var campaign = Grains.GetGrain<ICampaignGrain>("campaign-rollout");
        Assert.True((await campaign.SaveAsync(Campaign("campaign-rollout", mug.Sku, budget: 100m))).Ok);
        var before = await CampaignsQuotedAsync();
        var started = await rollout.RollOutCampaignsAsync();
        var servedWhenStarted = await ServedBySiloAsync();
        var during = await CampaignsQuotedAsync();
        // (Between the pause and the rollout a silo may learn of the pause anyway, from a lease top-up a quote asks for.)
        await campaign.SetPausedAsync(true);
        var paused = await rollout.RollOutCampaignsAsync();
        var servedWhenPaused = await ServedBySiloAsync();
        var after = await CampaignsQuotedAsync();

        Assert.All(before, Assert.Null);
        Assert.Equal("Every silo (2) quotes the campaigns as they now are.", started);
        Assert.All(during, c => Assert.Equal("campaign-rollout", c));
        Assert.Equal(started, paused);
        Assert.All(after, Assert.Null);
        // Each silo, not only those the customers live on, was brought in step.
        Assert.Equal([true, true], servedWhenStarted);
        Assert.Equal([false, false], servedWhenPaused);
    }

    [Fact]
    public async Task Where_campaigns_overlap_the_one_whose_id_sorts_first_prices_and_funds_the_line()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-overlap");
        await StartAsync(Campaign("campaign-overlap-b", mug.Sku, budget: 100m));
        await StartAsync(Campaign("campaign-overlap-a", mug.Sku, budget: 100m));

        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-overlap-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();

        Assert.Equal("campaign-overlap-a", quote.Campaign);
        Assert.Equal(mug.ListPrice - quote.Price, await ReservedOnSilosAsync("campaign-overlap-a"));
        Assert.Equal(0m, await ReservedOnSilosAsync("campaign-overlap-b"));
    }

    [Fact]
    public async Task Campaign_quote_reserves_its_discount_and_the_order_spends_exactly_that()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-spend");
        var campaign = await StartAsync(Campaign("campaign-spend", mug.Sku, budget: 100m));

        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-spend-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web", Units: 2))).Quotes.Single();
        Assert.Equal("campaign-spend", quote.Campaign);
        Assert.Equal(2, quote.MaxUnits);
        Assert.True(quote.Price < mug.ListPrice, "with no budget pressure the campaign discounts the high-margin mug");
        Assert.Contains(DecisionReasons.CampaignOptimal, quote.Reasons);
        var promised = (mug.ListPrice - quote.Price) * 2;
        Assert.Equal(promised, await ReservedOnSilosAsync("campaign-spend"));
        await RefreshSilosAsync();
        Assert.Equal(promised, (await campaign.GetAsync())!.ReservedForOpenQuotes);

        var order = await Grains.GetGrain<IOrderGrain>("campaign-spend-order").PlaceAsync(
            new OrderRequest("campaign-spend-customer", [new OrderLineRequest(mug.Sku, 2, quote.Token)]));

        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(quote.Price, order.Lines.Single().UnitPrice);
        var view = (await campaign.GetAsync())!;
        Assert.Equal(promised, view.Spent);
        Assert.Equal(quote.Price * 2, view.Revenue);
        Assert.Equal(2, view.Units);
        Assert.Equal(1, view.TreatmentConversions);
        Assert.True(view.Spent + view.Leased <= view.Definition.Budget);

        // The next lease call tells the quoting silo the quote was ordered: its reservation ends.
        await RefreshSilosAsync();

        Assert.Equal(0m, await ReservedOnSilosAsync("campaign-spend"));
    }

    [Fact]
    public async Task More_units_than_the_campaign_quote_reserved_are_refused()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-units");
        var campaign = await StartAsync(Campaign("campaign-units", mug.Sku, budget: 100m));
        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-units-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();

        var order = await Grains.GetGrain<IOrderGrain>("campaign-units-order").PlaceAsync(
            new OrderRequest("campaign-units-customer", [new OrderLineRequest(mug.Sku, 3, quote.Token)]));

        Assert.Equal((OrderStatus.QuoteRejected, "The quote covers at most 1 unit; the line asks for 3."), (order.Status, order.Detail));
        Assert.Equal(0m, (await campaign.GetAsync())!.Spent);
    }

    [Fact]
    public async Task Expired_quotes_give_their_reservation_back()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-expiry");
        await StartAsync(Campaign("campaign-expiry", mug.Sku, budget: 100m));
        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-expiry-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        Assert.Equal(mug.ListPrice - quote.Price, await ReservedOnSilosAsync("campaign-expiry"));

        // Past the quote's lifetime plus the release grace (15 + 2 minutes by default).
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(18));
        await RefreshSilosAsync();

        Assert.Equal(0m, await ReservedOnSilosAsync("campaign-expiry"));
        var late = await Grains.GetGrain<IOrderGrain>("campaign-expiry-order").PlaceAsync(
            new OrderRequest("campaign-expiry-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]));
        Assert.Equal(OrderStatus.QuoteRejected, late.Status);
        Assert.Equal(0m, (await Grains.GetGrain<ICampaignGrain>("campaign-expiry").GetAsync())!.Spent);
    }

    [Fact]
    public async Task Concurrent_quotes_and_orders_never_spend_more_than_the_budget()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-race", inventory: 1000);
        var campaign = await StartAsync(Campaign("campaign-race", mug.Sku, budget: 10m));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var customerId = $"campaign-race-customer-{i}";
            var quote = (await Grains.GetGrain<ICustomerGrain>(customerId).QuoteAsync(new QuoteRequest([mug.Sku], "app"))).Quotes.Single();
            var order = await Grains.GetGrain<IOrderGrain>($"campaign-race-order-{i}").PlaceAsync(
                new OrderRequest(customerId, [new OrderLineRequest(mug.Sku, 1, quote.Token)]));
            return (quote, order);
        }));

        var view = (await campaign.GetAsync())!;
        var discountsCharged = outcomes.Sum(o => o.order.Lines.Sum(line => (line.ListPrice - line.UnitPrice) * line.Quantity));
        Assert.All(outcomes, o => Assert.Equal(OrderStatus.Completed, o.order.Status));
        Assert.True(view.Spent <= 10m, $"spent {view.Spent} of a 10.00 budget");
        Assert.Equal(discountsCharged, view.Spent);
        Assert.Contains(outcomes, o => o.quote.Price == mug.ListPrice && o.quote.Reasons.Contains(DecisionReasons.CampaignBudgetExhausted));
        // One customer, one quote each: the daily cap never applies, whatever the budget refused.
        Assert.All(outcomes, o => Assert.DoesNotContain(DecisionReasons.DailyDiscountCapReached, o.quote.Reasons));
        Assert.Equal(60, view.TreatmentConversions);
    }

    [Fact]
    public async Task An_exhausted_budget_keeps_the_coordinator_off_the_quote_path()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-dry", inventory: 1000);
        var campaign = await StartAsync(Campaign("campaign-dry", mug.Sku, budget: 1m));
        var versionBefore = (await campaign.GetAsync())!.Duals.Version;

        // 1.00 cannot fund a mug discount (1.25 at 10% off). Each silo asks once for more, is refused, and then serves
        // list price from its lease without asking again until its next refresh; every lease call steps the duals' version.
        var quotes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            (await Grains.GetGrain<ICustomerGrain>($"campaign-dry-customer-{i}").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single()));

        Assert.All(quotes, quote => Assert.Equal(mug.ListPrice, quote.Price));
        Assert.All(quotes, quote => Assert.Equal([DecisionReasons.CampaignBudgetExhausted, DecisionReasons.NewCustomer], quote.Reasons.Skip(1)));
        Assert.All(quotes, quote => Assert.Contains(quote.Reasons[0], new[] { DecisionReasons.CampaignOptimal, DecisionReasons.CampaignExploration }));
        var leaseCalls = (await campaign.GetAsync())!.Duals.Version - versionBefore;
        Assert.True(leaseCalls <= 2, $"{leaseCalls} coordinator calls for 50 quotes on 2 silos; at most one each expected");
    }

    [Fact]
    public async Task Holdout_customers_pay_list_price_and_count_as_holdout()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-holdout");
        var campaign = await StartAsync(Campaign("campaign-holdout", mug.Sku, budget: 100m, holdout: 1.0));

        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-holdout-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        await Grains.GetGrain<IOrderGrain>("campaign-holdout-order").PlaceAsync(
            new OrderRequest("campaign-holdout-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]));

        Assert.Equal(mug.ListPrice, quote.Price);
        Assert.Contains(DecisionReasons.CampaignHoldout, quote.Reasons);
        var view = (await campaign.GetAsync())!;
        Assert.Equal(1, view.HoldoutConversions);
        Assert.Equal(0, view.TreatmentConversions);
        Assert.Equal(0m, view.Spent);
        Assert.Equal(mug.ListPrice, view.HoldoutRevenue);
    }

    [Fact]
    public async Task Decisions_are_logged_with_their_propensity_and_purchases_joined_by_quote_id()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-log");
        await StartAsync(Campaign("campaign-log", mug.Sku, budget: 100m, exploration: 1.0));

        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-log-customer").QuoteAsync(new QuoteRequest([mug.Sku], "email"))).Quotes.Single();
        await Grains.GetGrain<IOrderGrain>("campaign-log-order").PlaceAsync(
            new OrderRequest("campaign-log-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]));
        foreach (var writer in fixture.SiloServices<DecisionLogWriter>())
        {
            await writer.FlushAsync();
        }

        // Every level of the grid is allowed for the mug, and exploration is certain: each is chosen with probability 1/4.
        var decision = DecisionLogFolder.Read(ClusterFixture.DecisionLogDirectory, now: null, TimeSpan.FromMinutes(15))
            .Single(record => record.DecisionId == quote.QuoteId);
        Assert.Equal(quote.Discount, decision.Discount);
        Assert.Equal(0.25, decision.Propensity, 12);
        Assert.Equal("email", decision.Context.Channel);
        Assert.Contains(DecisionReasons.CampaignExploration, quote.Reasons);
        var purchase = Directory.GetFiles(ClusterFixture.DecisionLogDirectory, "purchases-*.csv")
            .SelectMany(File.ReadLines).Single(line => line.StartsWith(quote.QuoteId, StringComparison.Ordinal));
        Assert.Equal("campaign-log-order", purchase.Split(',')[1]);
    }

    [Fact]
    public async Task A_campaign_commit_whose_write_failed_is_redone_by_the_retry_and_spent_once()
    {
        var mug = await TestCatalog.DefineMugAsync(Grains, "campaign-outage");
        var campaign = await StartAsync(Campaign("campaign-outage", mug.Sku, budget: 100m));
        var quote = (await Grains.GetGrain<ICustomerGrain>("campaign-outage-customer").QuoteAsync(new QuoteRequest([mug.Sku], "web"))).Quotes.Single();
        Assert.True(quote.Price < mug.ListPrice);
        var order = Grains.GetGrain<IOrderGrain>("campaign-outage-order");
        var request = new OrderRequest("campaign-outage-customer", [new OrderLineRequest(mug.Sku, 1, quote.Token)]);

        FailingGrainStorage.FailWrites(campaign.GetGrainId());
        try
        {
            await Assert.ThrowsAsync<OrleansException>(() => order.PlaceAsync(request));
        }
        finally
        {
            FailingGrainStorage.AllowWrites(campaign.GetGrainId());
        }

        Assert.Equal(0m, (await campaign.GetAsync())!.Spent); // the failed commit was not kept in memory either
        var retried = await order.PlaceAsync(request);

        Assert.Equal(OrderStatus.Completed, retried.Status);
        Assert.Equal(mug.ListPrice - quote.Price, (await campaign.GetAsync())!.Spent);
    }
}
