using System.Text.Json.Nodes;
using OrleansPricing.Grains.Scoring;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Scoring;

namespace OrleansPricing.UnitTests.Scoring;

public sealed class ModelCardCheckTests
{
    private static string LearnedCard(string kind) =>
        LogisticOnnx.Card("learned", "learned-0007", kind, $"{kind} (learned by the cluster from 10 decisions)");

    [Theory]
    [InlineData(ModelKinds.Ensemble)]
    [InlineData(ModelKinds.LogisticInteractions)]
    public void A_learned_version_s_card_is_served_and_names_its_kind(string kind)
    {
        var card = ModelCardCheck.Problem(LearnedCard(kind), out var error);

        Assert.Null(error);
        Assert.Equal(("learned", $"{kind} (learned by the cluster from 10 decisions)", kind), card);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void A_card_without_a_kind_as_text_is_served_and_names_none(int? kind)
    {
        // An uploaded card need not say what kind of model it is; the learning service then has none to refit.
        var json = JsonNode.Parse(LearnedCard(ModelKinds.Ensemble))!.AsObject();
        json.Remove("kind");
        if (kind is { } number)
        {
            json["kind"] = number;
        }

        var card = ModelCardCheck.Problem(json.ToJsonString(), out var error);

        Assert.Null(error);
        Assert.Null(card!.Value.Kind);
    }

    [Theory]
    [InlineData("learned-0007", ModelKinds.Ensemble)]
    [InlineData("2.1.0", null)]
    [InlineData("my-learned-0007", null)]
    public void Only_a_version_the_service_learned_is_learned_again_as_its_card_s_kind(string version, string? refit)
    {
        // An upload may carry a learned version's card (a download re-uploaded): it is still served as it is.
        Assert.Equal(refit, ModelCardCheck.RefitKind(version, LearnedCard(ModelKinds.Ensemble)));
    }

    [Fact]
    public void A_card_of_another_feature_definition_is_refused()
    {
        var json = JsonNode.Parse(LearnedCard(ModelKinds.Ensemble))!.AsObject();
        json["featureDefinition"] = "pricing-features/v1";

        Assert.Null(ModelCardCheck.Problem(json.ToJsonString(), out var error));
        Assert.Contains("pricing-features/v1", error, StringComparison.Ordinal);
    }
}
