using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Hosting;

/// <summary>Options as an operator sets them: through real configuration sources, bound and validated the one way the silo does.</summary>
public sealed class OptionsConfigurationTests
{
    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddValidatedOptions<PricingOptions>(PricingOptions.SectionName);
        services.AddValidatedOptions<CampaignServingOptions>(CampaignServingOptions.SectionName)
            .Configure<IOptions<PricingOptions>>((campaigns, pricing) => campaigns.UseQuoteTimeToLive(pricing.Value.QuoteTimeToLive));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_are_valid()
    {
        using var services = Services(new ConfigurationBuilder().Build());

        Assert.Equal(PricingOptions.DefaultDiscountGrid, services.GetRequiredService<IOptions<PricingOptions>>().Value.DiscountGrid);
        Assert.NotNull(services.GetRequiredService<IOptions<CampaignServingOptions>>().Value);
    }

    [Fact]
    public void A_grid_set_through_environment_variables_replaces_the_default()
    {
        // A prefix of this test's own, so the process environment of other tests is untouched.
        const string Prefix = "OPTIONS_TEST_GRID_";
        double[] grid = [0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40];
        for (var i = 0; i < grid.Length; i++)
        {
            Environment.SetEnvironmentVariable($"{Prefix}Pricing__DiscountGrid__{i}", grid[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            using var services = Services(new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build());

            Assert.Equal(grid, services.GetRequiredService<IOptions<PricingOptions>>().Value.DiscountGrid);
        }
        finally
        {
            for (var i = 0; i < grid.Length; i++)
            {
                Environment.SetEnvironmentVariable($"{Prefix}Pricing__DiscountGrid__{i}", null);
            }
        }
    }

    [Fact]
    public void A_shorter_grid_from_a_json_file_replaces_the_default()
    {
        using var json = new MemoryStream("""{ "Pricing": { "DiscountGrid": [0, 0.1] } }"""u8.ToArray());
        using var services = Services(new ConfigurationBuilder().AddJsonStream(json).Build());

        Assert.Equal([0, 0.1], services.GetRequiredService<IOptions<PricingOptions>>().Value.DiscountGrid);
    }

    [Fact]
    public void A_bad_grid_is_refused_with_every_rule_it_breaks()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pricing:DiscountGrid:0"] = "0.2",
            ["Pricing:DiscountGrid:1"] = "0.1",
            ["Pricing:DiscountGrid:2"] = "1.5",
        }).Build());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);

        Assert.Equal(3, failure.Failures.Count());
        Assert.Contains(failure.Failures, e => e.Contains("contain 0", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, e => e.Contains("[0, 1)", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, e => e.Contains("increasing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DepthTolerance", "1")]
    [InlineData("DepthTolerance", "-0.1")]
    [InlineData("DepthTolerance", "NaN")]
    [InlineData("AimedExplorationShare", "1")]
    [InlineData("AimedExplorationShare", "-0.1")]
    [InlineData("AimedExplorationShare", "NaN")]
    public void A_share_below_one_outside_its_range_is_refused(string setting, string value)
    {
        using var services = Pricing(setting, value);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);

        Assert.Contains($"Pricing:{setting} must be a share in [0, 1).", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DepthTolerance", 0.1)]
    [InlineData("AimedExplorationShare", 0.5)]
    public void A_share_below_one_reaches_the_options_from_configuration(string setting, double value)
    {
        using var services = Pricing(setting, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var options = services.GetRequiredService<IOptions<PricingOptions>>().Value;

        Assert.Equal(value, setting == "DepthTolerance" ? options.DepthTolerance : options.AimedExplorationShare);
    }

    [Theory]
    [InlineData("ListPriceCheckRate", "0.6", "Pricing:ListPriceCheckRate must be in [0, 0.5].")]
    [InlineData("ListPriceCheckRate", "-0.1", "Pricing:ListPriceCheckRate must be in [0, 0.5].")]
    [InlineData("ListPriceCheckRate", "NaN", "Pricing:ListPriceCheckRate must be in [0, 0.5].")]
    [InlineData("ListPriceCheckGain", "1.5", "Pricing:ListPriceCheckGain must be a share in [0, 1].")]
    [InlineData("ListPriceCheckGain", "-0.1", "Pricing:ListPriceCheckGain must be a share in [0, 1].")]
    public void A_list_price_check_outside_its_range_is_refused(string setting, string value, string message)
    {
        using var services = Pricing(setting, value);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);

        Assert.Contains(message, Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_price_check_reaches_the_options_from_configuration()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pricing:ListPriceCheckRate"] = "0.4",
            ["Pricing:ListPriceCheckGain"] = "0.05",
        }).Build());

        var options = services.GetRequiredService<IOptions<PricingOptions>>().Value;

        Assert.Equal((0.4, 0.05), (options.ListPriceCheckRate, options.ListPriceCheckGain));
    }

    /// <summary>The services with one Pricing setting configured.</summary>
    private static ServiceProvider Pricing(string setting, string value) =>
        Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Pricing:{setting}"] = value }).Build());

    [Fact]
    public void Campaign_timings_are_checked_against_the_configured_quote_lifetime()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pricing:QuoteTimeToLive"] = "00:00:30",
            ["Campaigns:RefreshInterval"] = "00:00:10",
            ["Campaigns:ReleaseGrace"] = "00:00:05",
        }).Build());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CampaignServingOptions>>().Value);

        var only = Assert.Single(failure.Failures);
        Assert.Contains("Campaigns:RefreshInterval must be positive and at most a quarter of Pricing:QuoteTimeToLive (00:00:30).", only, StringComparison.Ordinal);
    }
}
