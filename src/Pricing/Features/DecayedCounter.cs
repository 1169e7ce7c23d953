namespace OrleansPricing.Pricing.Features;

/// <summary>
/// An exponentially decayed sum: each contribution loses half its weight every half-life, measured on event time.
/// Adding is commutative, so late and out-of-order events give the same value as in-order ones.
/// </summary>
public readonly record struct DecayedCounter(
    double Value,
    DateTimeOffset AsOf)
{
    public static DecayedCounter Empty => default;

    /// <summary>Adds <paramref name="amount"/> observed at <paramref name="at"/>.</summary>
    public DecayedCounter Add(double amount, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Value == 0 && AsOf == default)
        {
            return new DecayedCounter(amount, at);
        }

        // Keep the reference time at the newest event seen so the stored value never needs to grow.
        return at >= AsOf
            ? new DecayedCounter(Value * DecayFactor(at - AsOf, halfLife) + amount, at)
            : new DecayedCounter(Value + amount * DecayFactor(AsOf - at, halfLife), AsOf);
    }

    /// <summary>The value as seen at <paramref name="now"/>; never grows for a time before the last event.</summary>
    public double ValueAt(DateTimeOffset now, TimeSpan halfLife) =>
        now <= AsOf ? Value : Value * DecayFactor(now - AsOf, halfLife);

    public static double DecayFactor(TimeSpan elapsed, TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        return Math.Pow(0.5, elapsed / halfLife);
    }
}
