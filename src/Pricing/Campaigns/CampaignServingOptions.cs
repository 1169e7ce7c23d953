using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Pricing.Campaigns;

/// <summary>How silos serve campaigns. Bound from configuration section <c>Campaigns</c> and validated at start.</summary>
public sealed class CampaignServingOptions : IValidatableObject
{
    public const string SectionName = "Campaigns";

    /// <summary>
    /// How often a silo calls each campaign's coordinator: to renew and resize its lease, learn which of its quotes were
    /// ordered, release the reservations of expired quotes and fetch fresh duals. Must be well under the quote time-to-live
    /// (leases of holders silent for twice that are reclaimed).
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A lease is sized to cover this much time of the silo's recent discount demand.</summary>
    public TimeSpan LeaseHorizon { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Smallest and largest free lease balance, as fractions of the campaign budget.</summary>
    public double MinLeaseFraction { get; set; } = 0.002;

    public double MaxLeaseFraction { get; set; } = 0.05;

    /// <summary>An expired quote's reservation is kept this much longer, for an order that started before the expiry to commit.</summary>
    /// <remarks>Unset: two minutes, or half the quote lifetime when that is shorter (so a 30-second quote needs no other setting).</remarks>
    public TimeSpan? ReleaseGrace { get; set; }

    /// <summary>The grace in force: <see cref="ReleaseGrace"/>, or its default for the configured quote lifetime.</summary>
    public TimeSpan EffectiveReleaseGrace => ReleaseGrace ?? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(2).Ticks, QuoteTimeToLive.Ticks / 2));

    /// <summary>The quote lifetime the lease timings are checked against: <c>Pricing:QuoteTimeToLive</c>, copied in at start (not a setting of this section).</summary>
    public TimeSpan QuoteTimeToLive { get; private set; } = TimeSpan.FromMinutes(15);

    public void UseQuoteTimeToLive(TimeSpan quoteTimeToLive) => QuoteTimeToLive = quoteTimeToLive;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshInterval <= TimeSpan.Zero || RefreshInterval * 4 > QuoteTimeToLive)
        {
            yield return new ValidationResult($"Campaigns:RefreshInterval must be positive and at most a quarter of Pricing:QuoteTimeToLive ({QuoteTimeToLive}).");
        }

        if (LeaseHorizon <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Campaigns:LeaseHorizon must be positive.");
        }

        if (!(MinLeaseFraction > 0 && MinLeaseFraction <= MaxLeaseFraction && MaxLeaseFraction <= 1))
        {
            yield return new ValidationResult("Campaigns:MinLeaseFraction and MaxLeaseFraction must satisfy 0 < min <= max <= 1.");
        }

        if (EffectiveReleaseGrace < TimeSpan.Zero || EffectiveReleaseGrace >= QuoteTimeToLive)
        {
            yield return new ValidationResult("Campaigns:ReleaseGrace must be at least 0 and below Pricing:QuoteTimeToLive.");
        }
    }
}
