using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Serialization;

/// <summary>The Orleans form of <see cref="RecentEvent"/> (see <see cref="DecayedCounterSurrogate"/>).</summary>
[GenerateSerializer, Immutable, Alias("grains.recent-event")]
public readonly record struct RecentEventSurrogate(
    [property: Id(0)] DateTimeOffset At, [property: Id(1)] int Type, [property: Id(2)] string? Category,
    [property: Id(3)] decimal Amount, [property: Id(4)] decimal DiscountAmount);

[RegisterConverter]
public sealed class RecentEventConverter : IConverter<RecentEvent, RecentEventSurrogate>
{
    public RecentEvent ConvertFromSurrogate(in RecentEventSurrogate surrogate) =>
        new(surrogate.At, (CustomerEventType)surrogate.Type, surrogate.Category, surrogate.Amount, surrogate.DiscountAmount);

    public RecentEventSurrogate ConvertToSurrogate(in RecentEvent value) =>
        new(value.At, (int)value.Type, value.Category, value.Amount, value.DiscountAmount);
}
