using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Learning;

/// <summary>
/// The learning tests' known responses: the shipped prior, its base rate raised, with the discount coefficients given.
/// Also compiled into the cluster tests, whose learning runs read logs simulated from <see cref="Strong"/>.
/// </summary>
internal static class PriorTruth
{
    /// <summary>A strong discount response, so the best level differs between customers.</summary>
    public static LogisticResponseModel Strong { get; } = With(discount: 6, discountForNewCustomers: 4);

    /// <summary>The prior with <paramref name="discount"/> and <paramref name="discountForNewCustomers"/> (unset: the prior's) as its discount coefficients.</summary>
    public static LogisticResponseModel With(double discount, double? discountForNewCustomers = null)
    {
        var prior = LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));
        var coefficients = FeatureDefinition.Names.Select((name, i) => (name, prior.Weights[i])).ToDictionary(p => p.name, p => p.Item2);
        coefficients["discount"] = discount;
        coefficients["discount_x_new"] = discountForNewCustomers ?? coefficients["discount_x_new"];
        return LogisticResponseModel.From(new LogisticModelFile
        {
            ModelId = "test-truth", Version = "1", FeatureDefinition = FeatureDefinition.Version, Intercept = prior.Intercept + 1, Coefficients = coefficients,
        }, "test truth");
    }
}
