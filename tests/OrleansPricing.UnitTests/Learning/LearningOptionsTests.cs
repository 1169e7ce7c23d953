using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class LearningOptionsTests
{
    [Theory]
    [InlineData(null, 60.0)] // no run yet: an interval after activation
    [InlineData(-20.0, 40.0)] // the last run began 20 minutes ago: the schedule goes on from it
    [InlineData(-59.5, 1.0)] // due in half a minute: not sooner than a minute after activation
    [InlineData(-300.0, 1.0)] // overdue (the cluster was down): a minute after activation
    [InlineData(5.0, 60.0)] // a run stamped later than now (clocks apart): no later than an interval
    public void The_first_scheduled_run_after_activation_goes_on_from_the_last_run(double? lastStartedMinutesFromNow, double expectedMinutes)
    {
        var now = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var options = new LearningOptions { Interval = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes),
            options.FirstRunIn(lastStartedMinutesFromNow is { } minutes ? now.AddMinutes(minutes) : null, now));
        // An interval shorter than a minute is never stretched.
        Assert.Equal(TimeSpan.FromSeconds(20), new LearningOptions { Interval = TimeSpan.FromSeconds(20) }.FirstRunIn(now.AddMinutes(-5), now));
    }

    [Theory]
    [InlineData("learned-0003", 0.9)]
    [InlineData("logistic-purchase-2.0.0", 0.8)]
    [InlineData(null, 0.8)]
    public void A_candidate_is_held_to_the_prior_confidence_until_a_learned_version_is_active(string? activeVersion, double expected)
    {
        var options = new LearningOptions { PromotionConfidence = 0.9, PriorPromotionConfidence = 0.8 };

        Assert.Equal(expected, options.PromotionConfidenceAgainst(activeVersion));
        // Unset, the prior is held to the same confidence as a learned version.
        Assert.Equal(0.9, new LearningOptions { PromotionConfidence = 0.9, PriorPromotionConfidence = null }.PromotionConfidenceAgainst(activeVersion));
    }

    [Fact]
    public void An_empty_prior_confidence_in_configuration_asks_the_learned_versions_confidence_of_the_prior_too()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Learning:PromotionConfidence"] = "0.95", ["Learning:PriorPromotionConfidence"] = "" })
            .Build();

        var options = configuration.GetSection(LearningOptions.SectionName).Get<LearningOptions>()!;

        Assert.Null(options.PriorPromotionConfidence);
        Assert.Equal(0.95, options.PromotionConfidenceAgainst("logistic-purchase-2.0.0"));
        // Not set at all, the prior is held to the default 80%.
        Assert.Equal(0.80, new LearningOptions().PromotionConfidenceAgainst("logistic-purchase-2.0.0"));
    }

    [Theory]
    [InlineData(100, 99, false)]
    [InlineData(100, 100, true)]
    [InlineData(0, 0, true)] // 0: every scheduled run trains, new decisions or not
    public void A_scheduled_run_trains_only_with_enough_decisions_since_the_last(int minNewDecisions, int newDecisions, bool trains)
    {
        Assert.Equal(trains, new LearningOptions { MinNewDecisions = minNewDecisions }.ScheduledRunTrains(newDecisions));
        Assert.Equal(100, new LearningOptions().MinNewDecisions);
        var negative = new LearningOptions { MinNewDecisions = -1 };
        Assert.Equal("Learning:MinNewDecisions must not be negative.", Assert.Single(negative.Validate(new ValidationContext(negative))).ErrorMessage);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_prior_confidence_outside_the_open_interval_is_refused(double confidence)
    {
        var options = new LearningOptions { PriorPromotionConfidence = confidence };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));
        Assert.Contains("PriorPromotionConfidence", error.ErrorMessage);
    }

    [Theory]
    [InlineData(1_000, 1e-3)]
    [InlineData(5_000, 1e-3)]
    [InlineData(10_000, 5e-4)] // the total penalty stays that of 5,000 decisions
    [InlineData(20_000, 2.5e-4)]
    public void The_penalty_stops_growing_with_the_log_past_its_decisions(int decisions, double expected)
    {
        var options = new LearningOptions { L2 = 1e-3, PenaltyDecisions = 5_000 };

        Assert.Equal(expected, options.PenaltyFor(decisions), 15);
        // 0: the penalty grows with every decision, as before.
        Assert.Equal(1e-3, new LearningOptions { L2 = 1e-3, PenaltyDecisions = 0 }.PenaltyFor(decisions));
    }

    [Fact]
    public void A_negative_penalty_decisions_is_refused()
    {
        var options = new LearningOptions { PenaltyDecisions = -1 };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));
        Assert.Contains("PenaltyDecisions not negative", error.ErrorMessage);
    }
}
