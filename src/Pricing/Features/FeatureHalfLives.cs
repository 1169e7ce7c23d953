using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Pricing.Features;

/// <summary>Half-lives of the decayed behaviour counters. Bound from configuration section <c>Pricing:HalfLives</c>.</summary>
public sealed class FeatureHalfLives : IValidatableObject
{
    /// <summary>Product views fade fast: interest is short-lived.</summary>
    public TimeSpan Views { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Cart adds carry intent for about a week.</summary>
    public TimeSpan CartAdds { get; set; } = TimeSpan.FromDays(7);

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
