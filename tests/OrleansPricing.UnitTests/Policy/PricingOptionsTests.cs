using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Policy;

public sealed class PricingOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new PricingOptions().Validate());
    }

    [Fact]
    public void Grid_without_zero_unsorted_or_out_of_range_is_reported()
    {
        var errors = new PricingOptions { DiscountGrid = [0.2, 0.1, 1.5] }.Validate().ToList();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("contain 0"));
        Assert.Contains(errors, e => e.Contains("[0, 1)"));
        Assert.Contains(errors, e => e.Contains("increasing"));
    }
}
