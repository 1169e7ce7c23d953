using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Segmentation;

/// <summary>
/// Segmentation by recency/frequency/monetary thresholds (classic RFM tiers): the named segment a quote, the customer
/// view and the learning runs' fairness report show. Why rules and not the learned segments: an administrator reads and
/// compares these names across model versions, while the segments the learning service finds from behaviour
/// (<see cref="Learning.BehaviourMixture"/>) are a part of each learned model and change with it.
/// </summary>
public sealed class RfmRuleSegmenter : ICustomerSegmenter
{
    public static readonly CustomerSegment New = new(0, "new");
    public static readonly CustomerSegment Lapsed = new(1, "lapsed");
    public static readonly CustomerSegment Occasional = new(2, "occasional");
    public static readonly CustomerSegment Loyal = new(3, "loyal");
    public static readonly CustomerSegment HighValue = new(4, "high-value");

    public static IReadOnlyList<CustomerSegment> All { get; } = [New, Lapsed, Occasional, Loyal, HighValue];

    /// <summary>No purchase for this long and a customer counts as lapsed.</summary>
    public const double LapsedAfterDays = 90;

    /// <summary>Decayed purchases (half-life 90 days) at or above this make a customer loyal.</summary>
    public const double LoyalDecayedPurchases = 3;

    /// <summary>A loyal customer whose decayed spend reaches this is high value.</summary>
    public const double HighValueDecayedSpend = 500;

    public CustomerSegment Assign(CustomerFeatureSnapshot customer)
    {
        if (customer.IsNewCustomer)
        {
            return New;
        }

        if (customer.DaysSinceLastPurchase > LapsedAfterDays)
        {
            return Lapsed;
        }

        if (customer.DecayedPurchases < LoyalDecayedPurchases)
        {
            return Occasional;
        }

        return customer.DecayedSpend >= HighValueDecayedSpend ? HighValue : Loyal;
    }
}
