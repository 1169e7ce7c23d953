using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Segmentation;

namespace OrleansPricing.UnitTests.Segmentation;

public sealed class RfmRuleSegmenterTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly FeatureHalfLives HalfLives = new();

    private static CustomerFeatureSnapshot WithPurchases(int count, decimal each, int daysAgo)
    {
        var features = new CustomerFeatures();
        for (var i = 0; i < count; i++)
        {
            features.RecordPurchase(Now.AddDays(-daysAgo), each, 0m, ["shoes"], HalfLives, offersRedeemed: 0, modelPriced: false);
        }

        return features.Snapshot(Now, HalfLives);
    }

    [Fact]
    public void Assigns_each_rule_tier()
    {
        var segmenter = new RfmRuleSegmenter();

        Assert.Equal(RfmRuleSegmenter.New, segmenter.Assign(CustomerFeatureSnapshot.ColdStart(Now)));
        Assert.Equal(RfmRuleSegmenter.Lapsed, segmenter.Assign(WithPurchases(5, 500m, daysAgo: 120)));
        Assert.Equal(RfmRuleSegmenter.Occasional, segmenter.Assign(WithPurchases(1, 30m, daysAgo: 10)));
        Assert.Equal(RfmRuleSegmenter.Loyal, segmenter.Assign(WithPurchases(4, 20m, daysAgo: 1)));
        Assert.Equal(RfmRuleSegmenter.HighValue, segmenter.Assign(WithPurchases(4, 200m, daysAgo: 1)));
    }
}
