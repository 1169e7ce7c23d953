using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class CampaignCoordinatorTests(ClusterFixture fixture)
{
    private ICampaignGrain Campaign(string id) => fixture.Grains.GetGrain<ICampaignGrain>(id);

    private static CampaignDefinition Definition(string id, decimal budget = 1000m, decimal? revenueTarget = null) =>
        new(id, ClusterFixture.Time.GetUtcNow().AddHours(-1), ClusterFixture.Time.GetUtcNow().AddDays(10), budget, revenueTarget,
            [0, 0.1, 0.2], 3, 0.2, ["SKU-A"], ["shoes"], 0.1, 0.05, new Dictionary<string, int> { ["SKU-A"] = 100 });

    [Fact]
    public async Task Concurrent_leases_never_hand_out_more_than_the_budget()
    {
        var campaign = Campaign("leases");
        Assert.True((await campaign.SaveAsync(Definition("leases", budget: 1000m))).Ok);

        // 40 holders want 60 each: 2,400 asked of a 1,000 budget.
        var grants = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => campaign.LeaseAsync($"silo-{i}", 60m)));

        Assert.Equal(1000m, grants.Sum(g => g.Held));
        var view = (await campaign.GetAsync())!;
        Assert.Equal(1000m, view.Leased);
        Assert.Equal(0m, view.Available);
        Assert.Equal(17, view.LeasesByHolder.Count); // 16 full leases of 60 and one of 40
    }

    [Fact]
    public async Task Sales_commit_once_and_feed_the_results()
    {
        var campaign = Campaign("sales");
        await campaign.SaveAsync(Definition("sales"));
        await campaign.LeaseAsync("silo-0", 100m);
        var sale = new CampaignSale("sales-order-1", [new CampaignDraw("silo-0", "quote-1", 12.5m)], 87.5m, new Dictionary<string, int> { ["SKU-A"] = 2 }, Holdout: false);

        Assert.True(await campaign.CommitSaleAsync(sale));
        Assert.True(await campaign.CommitSaleAsync(sale));
        Assert.True(await campaign.CommitSaleAsync(new CampaignSale("sales-order-2", [], 40m, new Dictionary<string, int> { ["SKU-A"] = 1 }, Holdout: true)));

        var view = (await campaign.GetAsync())!;
        Assert.Equal(12.5m, view.Spent);
        Assert.Equal(87.5m, view.LeasesByHolder["silo-0"]);
        Assert.Equal(87.5m, view.Revenue);
        Assert.Equal(40m, view.HoldoutRevenue);
        Assert.Equal(3, view.Units);
        Assert.Equal(1, view.TreatmentConversions);
        Assert.Equal(1, view.HoldoutConversions);
    }

    [Fact]
    public async Task Spend_history_keeps_the_last_spend_of_each_slice_of_the_window_and_stays_bounded()
    {
        var campaign = Campaign("history");
        var start = ClusterFixture.Time.GetUtcNow();
        await campaign.SaveAsync(Definition("history") with { Start = start.AddHours(-1), End = start.AddDays(2) });
        await campaign.LeaseAsync("silo-0", 1000m);
        CampaignSale Sale(int i) => new($"history-order-{i}", [new CampaignDraw("silo-0", $"history-quote-{i}", 1m)], 10m,
            new Dictionary<string, int> { ["SKU-A"] = 1 }, Holdout: false);

        // Three sales in one slice (a slice is 1/200 of the window, 14.7 minutes here): one point, the latest spend.
        for (var i = 0; i < 3; i++)
        {
            await campaign.CommitSaleAsync(Sale(i));
        }

        var view = (await campaign.GetAsync())!;
        Assert.Equal(3m, view.Spent);
        Assert.Equal(3m, Assert.Single(view.SpendHistory!).Spent);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(30));
        await campaign.CommitSaleAsync(Sale(3));
        Assert.Equal([3m, 4m], (await campaign.GetAsync())!.SpendHistory!.Select(point => point.Spent));

        // 120 more sales 30 minutes apart run past the window's end: still at most one point per slice.
        for (var i = 4; i < 124; i++)
        {
            ClusterFixture.Time.Advance(TimeSpan.FromMinutes(30));
            await campaign.CommitSaleAsync(Sale(i));
        }

        var history = (await campaign.GetAsync())!.SpendHistory!;
        Assert.InRange(history.Count, 90, CampaignState.SpendHistoryPoints + 1);
        Assert.Equal(124m, history[^1].Spent);
        Assert.True(history.Zip(history.Skip(1)).All(pair => pair.First.At < pair.Second.At && pair.First.Spent <= pair.Second.Spent));
    }

    [Fact]
    public async Task Spending_ahead_of_plan_raises_the_budget_price()
    {
        var campaign = Campaign("pacing");
        await campaign.SaveAsync(Definition("pacing", budget: 1000m));
        await campaign.LeaseAsync("silo-0", 600m);

        // An hour into a ten-day window the plan allows ~4; spending 500 is far ahead, so λ must rise.
        await campaign.CommitSaleAsync(new CampaignSale("pacing-order", [new CampaignDraw("silo-0", "quote-p", 500m)], 2000m, new Dictionary<string, int>(), Holdout: false));

        Assert.True((await campaign.GetAsync())!.Duals.Lambda > 0.9);
    }

    [Fact]
    public async Task Budget_cannot_drop_below_spend_and_leases_and_pause_stops_leasing()
    {
        var campaign = Campaign("limits");
        await campaign.SaveAsync(Definition("limits", budget: 500m));
        await campaign.LeaseAsync("silo-0", 300m);

        var shrink = await campaign.SaveAsync(Definition("limits", budget: 200m));
        await campaign.SetPausedAsync(true);
        var whilePaused = await campaign.LeaseAsync("silo-1", 100m);

        Assert.False(shrink.Ok);
        Assert.Equal(500m, shrink.View!.Definition.Budget);
        Assert.False(whilePaused.Active);
        Assert.Equal(0m, whilePaused.Held);
    }

    [Fact]
    public async Task Silent_holders_lose_their_lease_after_twice_the_quote_lifetime()
    {
        var campaign = Campaign("reclaim");
        await campaign.SaveAsync(Definition("reclaim", budget: 100m));
        await campaign.LeaseAsync("dead-silo", 100m);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(31));
        var view = (await campaign.GetAsync())!;
        var grant = await campaign.LeaseAsync("live-silo", 100m);

        Assert.Empty(view.LeasesByHolder);
        Assert.Equal(100m, view.Available);
        Assert.Equal(100m, grant.Held);
    }

    [Fact]
    public void Holdout_assignment_is_pinned_and_near_its_fraction()
    {
        var definition = Definition("holdout");
        var holdout = Enumerable.Range(0, 10000).Count(i => HoldoutAssignment.IsHoldout(definition.CampaignId, $"customer-{i}", definition.HoldoutFraction));

        // Pinned: a change of hash would silently move customers between arms mid-campaign.
        Assert.Equal(1011, holdout);
        Assert.Equal([2, 3, 4, 10, 13, 19], Enumerable.Range(0, 20).Where(i => HoldoutAssignment.IsHoldout(definition.CampaignId, $"customer-{i}", definition.HoldoutFraction)));
    }
}
