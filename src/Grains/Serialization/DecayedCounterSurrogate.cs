using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Serialization;

/// <summary>
/// The Orleans wire and memory-storage form of <see cref="DecayedCounter"/>. Pricing stays free of Orleans, so its types
/// that live in grain state cross the wire through surrogates defined here; Azure Table storage writes them as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("grains.decayed-counter")]
public readonly record struct DecayedCounterSurrogate([property: Id(0)] double Value, [property: Id(1)] DateTimeOffset AsOf);

[RegisterConverter]
public sealed class DecayedCounterConverter : IConverter<DecayedCounter, DecayedCounterSurrogate>
{
    public DecayedCounter ConvertFromSurrogate(in DecayedCounterSurrogate surrogate) => new(surrogate.Value, surrogate.AsOf);

    public DecayedCounterSurrogate ConvertToSurrogate(in DecayedCounter value) => new(value.Value, value.AsOf);
}
