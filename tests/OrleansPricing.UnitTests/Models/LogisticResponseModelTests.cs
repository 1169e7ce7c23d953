using System.Text;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.UnitTests.Models;

public sealed class LogisticResponseModelTests
{
    private static string ModelJson(string definition = FeatureDefinition.Version, string? dropFeature = null, string extra = "")
    {
        var coefficients = FeatureDefinition.Names
            .Where(name => name != dropFeature)
            .Select((name, i) => $"\"{name}\": {(i + 1) * 0.1:0.0###}");
        return $$"""
            { "modelId": "test", "version": "7", "featureDefinition": "{{definition}}", "intercept": -1.5,
              "coefficients": { {{string.Join(", ", coefficients)}} {{extra}} } }
            """;
    }

    private static LogisticResponseModel Parse(string json) =>
        LogisticResponseModel.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    [Fact]
    public void Shipped_model_file_loads()
    {
        var model = LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));

        Assert.Equal("logistic-purchase", model.Info.ModelId);
        Assert.Equal(FeatureDefinition.Version, model.Info.FeatureDefinitionVersion);
    }

    [Fact]
    public async Task Prediction_is_the_sigmoid_of_the_linear_score()
    {
        var model = Parse(ModelJson());
        var rows = new FeatureMatrix(2);
        rows.Row(1)[0] = 1f;    // recency, weight 0.1
        rows.Row(1)[FeatureDefinition.DiscountColumn] = 0.5f; // discount, weight 0.1 × (its column + 1) = 1.7

        var probabilities = await model.PredictAsync(rows);

        Assert.Equal((float)(1 / (1 + Math.Exp(1.5))), probabilities[0]);
        Assert.Equal((float)(1 / (1 + Math.Exp(-(-1.5 + 0.1 + 0.5 * 1.7)))), probabilities[1]);
    }

    [Fact]
    public void Model_for_another_feature_definition_is_refused()
    {
        var error = Assert.Throws<InvalidModelException>(() => Parse(ModelJson(definition: "pricing-features/v0")));
        Assert.Contains("pricing-features/v0", error.Message);
    }

    [Fact]
    public void Missing_coefficient_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidModelException>(() => Parse(ModelJson(dropFeature: "cart_adds")));
        Assert.Contains("'cart_adds'", error.Message);
    }

    [Fact]
    public void Unknown_coefficient_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidModelException>(() => Parse(ModelJson(extra: ", \"shoe_size\": 1")));
        Assert.Contains("shoe_size", error.Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = Assert.Throws<InvalidModelException>(() => Parse("{\n \"modelId\": \"x\",\n \"intercept\": nope }"));
        Assert.Contains("line 3", error.Message);
    }
}
