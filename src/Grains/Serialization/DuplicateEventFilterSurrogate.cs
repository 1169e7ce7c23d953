using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Serialization;

/// <summary>The Orleans form of <see cref="DuplicateEventFilter"/> (see <see cref="DecayedCounterSurrogate"/>).</summary>
[GenerateSerializer, Alias("grains.duplicate-event-filter")]
public struct DuplicateEventFilterSurrogate
{
    [Id(0)] public Dictionary<string, DateTimeOffset> SeenIds { get; set; }
    [Id(1)] public DateTimeOffset? Newest { get; set; }
    [Id(2)] public DateTimeOffset? Floor { get; set; }
}

[RegisterConverter]
public sealed class DuplicateEventFilterConverter : IConverter<DuplicateEventFilter, DuplicateEventFilterSurrogate>
{
    public DuplicateEventFilter ConvertFromSurrogate(in DuplicateEventFilterSurrogate surrogate) => new()
    {
        SeenIds = new Dictionary<string, DateTimeOffset>(surrogate.SeenIds ?? [], StringComparer.Ordinal),
        Newest = surrogate.Newest,
        Floor = surrogate.Floor,
    };

    public DuplicateEventFilterSurrogate ConvertToSurrogate(in DuplicateEventFilter value) => new()
    {
        SeenIds = new Dictionary<string, DateTimeOffset>(value.SeenIds, StringComparer.Ordinal),
        Newest = value.Newest,
        Floor = value.Floor,
    };
}
