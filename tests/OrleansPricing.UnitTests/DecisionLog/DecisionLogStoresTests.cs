using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class DecisionLogStoresTests
{
    [Theory]
    [InlineData("decision-log", "orleans-pricing", "decision-log-orleans-pricing")]
    [InlineData("models", "Shop_A  Staging", "models-shop-a-staging")]
    [InlineData("decision-log", "--EU--", "decision-log-eu")]
    public void A_service_s_container_is_named_in_lower_case_letters_digits_and_single_hyphens(string prefix, string serviceId, string expected) =>
        Assert.Equal(expected, ServiceContainers.Name(prefix, serviceId));

    [Fact]
    public void A_long_service_id_is_cut_to_the_63_characters_a_container_name_may_have_without_a_trailing_hyphen()
    {
        var name = ServiceContainers.Name("decision-log", new string('a', 49) + "-b");

        Assert.Equal("decision-log-" + new string('a', 49), name);
        Assert.Equal(62, name.Length);
        Assert.Equal(63, ServiceContainers.Name("decision-log", new string('a', 60)).Length);
    }

    [Theory]
    [InlineData(null, "decision-log-shop-a")]
    [InlineData("", "decision-log-shop-a")]
    [InlineData("decision-log", "decision-log")]
    public void The_log_goes_to_the_service_s_own_container_unless_one_is_named(string? configured, string expected)
    {
        var services = new ServiceCollection()
            .Configure<DecisionLogOptions>(options => options.BlobContainer = configured)
            .Configure<ClusterOptions>(options => options.ServiceId = "Shop-A")
            .AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"))
            .AddKeyedSingleton(PricingClock.Key, TimeProvider.System)
            .BuildServiceProvider();

        var store = Assert.IsType<BlobDecisionLogStore>(DecisionLogStores.Create(services));

        Assert.EndsWith("/" + expected, store.Location, StringComparison.Ordinal);
    }
}
