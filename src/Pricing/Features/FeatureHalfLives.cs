using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Pricing.Features;

/// <summary>Half-lives of the decayed behaviour counters. Bound from configuration section <c>Pricing:HalfLives</c>.</summary>
public sealed class FeatureHalfLives : IValidatableObject
{
    /// <summary>
    /// Product views over about a month: how much a customer browses is among the best signs of how much a discount moves
    /// them, and a trait is read better from a month of events than from a week's (7 days until 2026-12-02). Measured
    /// (docs/learning.md, "Views and cart adds over a month"): on an independent simulator's 60-day histories a linear
    /// read of each customer's price sensitivity from the decayed counts explains 32% of its variance at 7 days and 45% at
    /// 30; over eighteen seeds of the shop simulation every world's round 4 rose (means 81.8 to 82.5%, 66.8 to 71.1%,
    /// 52.0 to 57.1%).
    /// </summary>
    public TimeSpan Views { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Cart adds over about a month, for the reason views are (7 days until 2026-12-02).</summary>
    public TimeSpan CartAdds { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Purchases (frequency) and spend (monetary value) describe a customer over a quarter.</summary>
    public TimeSpan Purchases { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Half-life of the decayed spend (monetary value).</summary>
    public TimeSpan Spend { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Category affinity follows a customer's shifting interests over a month.</summary>
    public TimeSpan CategoryAffinity { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A product's demand rate reacts within a week.</summary>
    public TimeSpan Demand { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(Views), Views), (nameof(CartAdds), CartAdds), (nameof(Purchases), Purchases),
                     (nameof(Spend), Spend), (nameof(CategoryAffinity), CategoryAffinity), (nameof(Demand), Demand),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Pricing:HalfLives:{name} must be positive, was {value}.");
            }
        }
    }
}
