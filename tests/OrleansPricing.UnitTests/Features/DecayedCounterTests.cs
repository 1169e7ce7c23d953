using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Features;

public sealed class DecayedCounterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(7);

    [Fact]
    public void Value_halves_after_one_half_life()
    {
        var counter = DecayedCounter.Empty.Add(8, T0, HalfLife);

        Assert.Equal(8, counter.ValueAt(T0, HalfLife), 12);
        Assert.Equal(4, counter.ValueAt(T0 + HalfLife, HalfLife), 12);
        Assert.Equal(1, counter.ValueAt(T0 + 3 * HalfLife, HalfLife), 12);
    }

    [Fact]
    public void Adding_later_event_decays_the_old_value_first()
    {
        var counter = DecayedCounter.Empty.Add(4, T0, HalfLife).Add(1, T0 + HalfLife, HalfLife);

        Assert.Equal(3, counter.Value, 12);
        Assert.Equal(T0 + HalfLife, counter.AsOf);
    }

    [Fact]
    public void Late_event_gives_the_same_value_as_in_order()
    {
        var times = new[] { T0, T0.AddDays(2), T0.AddDays(9), T0.AddHours(30), T0.AddDays(1) };
        var inOrder = times.OrderBy(t => t).Aggregate(DecayedCounter.Empty, (c, t) => c.Add(1, t, HalfLife));
        var shuffled = times.Aggregate(DecayedCounter.Empty, (c, t) => c.Add(1, t, HalfLife));

        var now = T0.AddDays(12);
        Assert.Equal(inOrder.ValueAt(now, HalfLife), shuffled.ValueAt(now, HalfLife), 12);
        Assert.Equal(inOrder.AsOf, shuffled.AsOf);
    }

    [Fact]
    public void Reading_before_the_last_event_does_not_grow_the_value()
    {
        var counter = DecayedCounter.Empty.Add(2, T0, HalfLife);

        Assert.Equal(2, counter.ValueAt(T0.AddDays(-3), HalfLife), 12);
    }

    [Fact]
    public void Non_positive_half_life_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DecayedCounter.DecayFactor(TimeSpan.FromDays(1), TimeSpan.Zero));
    }
}
