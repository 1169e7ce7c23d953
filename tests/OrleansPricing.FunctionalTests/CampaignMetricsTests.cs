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
        var lines = new List<string>();
        for (var attempt = 0; attempt < 50 && lines.Count == 0; attempt++)
        {
            // Prometheus output is cached briefly; a fresh scrape shows the orders.
            lines = (await fixture.Http.GetStringAsync("/metrics")).Split('\n')
                .Where(line => line.Contains($"campaign=\"{ConsoleFixture.Campaign}\"", StringComparison.Ordinal)).ToList();
            await Task.Delay(100);
        }

        double Sample(string metric, string arm) => double.Parse(lines.Single(line =>
            line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains($"arm=\"{arm}\"", StringComparison.Ordinal)).Split(' ')[^1],
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((int)campaign["treatmentConversions"]!, Sample("pricing_campaign_conversions_total", "treatment"));
        Assert.Equal((int)campaign["holdoutConversions"]!, Sample("pricing_campaign_conversions_total", "holdout"));
        Assert.Equal((double)campaign["revenue"]!.GetValue<decimal>(), Sample("pricing_campaign_revenue_total", "treatment"), 6);
        Assert.Equal((double)campaign["spent"]!.GetValue<decimal>(), Sample("pricing_discount_given_total", "treatment"), 6);
    }
}
