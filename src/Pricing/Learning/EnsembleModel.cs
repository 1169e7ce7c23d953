namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A weighted mean of other models' purchase probabilities (<see cref="ModelKinds.Ensemble"/>): the interaction model
/// with half the weight and <see cref="Networks"/> response networks, trained from different seeds, sharing the other
/// half. Why: the network reads the kinds of customer from behaviour better than the interaction model on some logs and
/// far worse on others, and which of its trainings does is chance; the mean of a few trainings is steadier, and beside
/// the interaction model it discounts where either alone over-reaches less (measured on the shop simulation by the true
/// response; docs/learning.md, "The interaction model and three networks, averaged").
/// </summary>
public sealed record EnsembleModel(IReadOnlyList<(ICandidateModel Model, double Weight)> Parts) : ICandidateModel
{
    /// <summary>The response networks an ensemble averages, each from its own seed.</summary>
    public const int Networks = 3;

    public string Kind => ModelKinds.Ensemble;

    /// <summary>The interaction model, the first part <see cref="Of"/> puts in: a candidate of its own beside the ensemble.</summary>
    public LearnedModel Interactions => (LearnedModel)Parts[0].Model;

    /// <summary>The response networks among the parts, in order.</summary>
    public IEnumerable<ResponseNetwork> ResponseNetworks => Parts.Select(part => part.Model).OfType<ResponseNetwork>();

    /// <summary>The interaction model with weight ½ and each network with ½ / <see cref="Networks"/>.</summary>
    public static EnsembleModel Of(LearnedModel interactions, IReadOnlyList<ResponseNetwork> networks) =>
        new([(interactions, 0.5), .. networks.Select(network => ((ICandidateModel)network, 0.5 / networks.Count))]);

    public float[] Predict(float[] rows, int count)
    {
        var probabilities = new float[count];
        foreach (var (model, weight) in Parts)
        {
            var part = model.Predict(rows, count);
            for (var r = 0; r < count; r++)
            {
                probabilities[r] += (float)(weight * part[r]);
            }
        }

        return probabilities;
    }
}
