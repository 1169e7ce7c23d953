using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.UnitTests.Hosting;

public sealed class SiloHostSettingsTests
{
    [Fact]
    public void Memory_storage_outside_development_is_refused_unless_allowed()
    {
        Assert.Null(new SiloHostSettings().InMemoryRefusal(hasStorage: false, "Development"));
        Assert.Null(new SiloHostSettings().InMemoryRefusal(hasStorage: true, "Production"));
        Assert.Null(new SiloHostSettings { AllowInMemoryStorage = true }.InMemoryRefusal(hasStorage: false, "Production"));
        Assert.StartsWith("No storage is configured (ConnectionStrings:PricingStorage) and the environment is Production",
            new SiloHostSettings().InMemoryRefusal(hasStorage: false, "Production"));
    }
}
