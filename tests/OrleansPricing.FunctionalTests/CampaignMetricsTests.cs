namespace OrleansPricing.FunctionalTests;

/// <summary>The business meter counts campaign conversions and revenue by arm, as the campaign's own results do.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class CampaignMetricsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Prometheus_shows_campaign_conversions_and_revenue_by_arm()
    {
        var campaign = await fixture.Http.GetJsonAsync($"/api/v1/admin/campaigns/{ConsoleFixture.Campaign}");
        // The silo's grains record the orders; its own /metrics reports them.
        using var silo = fixture.Cluster.SiloHttp(fixture.Cluster.Silos.Single());
        var campaignLabel = ("campaign", ConsoleFixture.Campaign);
        var scrape = await Prometheus.ScrapeAsync(silo, text => Prometheus.Sum(text, "pricing_campaign_conversions_total", campaignLabel) > 0);
        double Sample(string metric, string arm) => Prometheus.Sum(scrape, metric, campaignLabel, ("arm", arm));

        Assert.Equal((int)campaign["treatmentConversions"]!, Sample("pricing_campaign_conversions_total", "treatment"));
        Assert.Equal((int)campaign["holdoutConversions"]!, Sample("pricing_campaign_conversions_total", "holdout"));
        Assert.Equal((double)campaign["revenue"]!.GetValue<decimal>(), Sample("pricing_campaign_revenue_total", "treatment"), 6);
        Assert.Equal((double)campaign["spent"]!.GetValue<decimal>(), Sample("pricing_discount_given_total", "treatment"), 6);
    }
}
