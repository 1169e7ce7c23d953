using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansPricing.Grains.Serialization;

namespace OrleansPricing.UnitTests.Serialization;

/// <summary>The serializers of grain storage a silo registers, built once for the tests that read and write states through them.</summary>
internal static class GrainStorageSerializers
{
    private static readonly ServiceProvider Services = BuildServices();

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddOptions<OrleansJsonSerializerOptions>();
        services.AddSingleton<OrleansJsonSerializer>();
        return services.BuildServiceProvider();
    }

    /// <summary>What silos of the versions before the binary format wrote (and Orleans writes by default).</summary>
    public static JsonGrainStorageSerializer JsonRows { get; } = new(Services.GetRequiredService<OrleansJsonSerializer>());

    /// <summary>The silo's own, writing <paramref name="format"/>.</summary>
    public static GrainStateSerializer State(string format = GrainStateOptions.Binary) => new(
        Services.GetRequiredService<Serializer>(), Services.GetRequiredService<OrleansJsonSerializer>(),
        Options.Create(new GrainStateOptions { Format = format }));
}
