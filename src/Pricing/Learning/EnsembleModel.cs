namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A weighted mean of other models' purchase probabilities (<see cref="ModelKinds.Ensemble"/>): the segment model with
/// half the weight, the interaction model with a quarter and <see cref="Networks"/> response networks, trained from
/// different seeds, sharing the last quarter. Why: the network reads the kinds of customer from behaviour better than the
/// interaction model on some logs and far worse on others, and which of its trainings does is chance; the mean of a few
/// trainings is steadier, and beside the interaction model it discounts where either alone over-reaches less. The segment
/// model, a discount curve for each segment of customers, reads the steep shop's kinds far better than either, but alone
/// it pools customers whose histories look alike and who answer differently; as half of the mean it carried most of its gain on the steep world
/// through the loop without its loss where the histories pool (measured on the shop simulation by the true response;
/// docs/learning.md, "The interaction model and three networks, averaged" and "The segment model as half of the ensemble").
/// </summary>
public sealed record EnsembleModel(IReadOnlyList<(ICandidateModel Model, double Weight)> Parts) : ICandidateModel
{
    /// <summary>The response networks an ensemble averages, each from its own seed.</summary>
    public const int Networks = 3;

    public string Kind => ModelKinds.Ensemble;

    /// <summary>The segment model's weight; the interaction model has half of the rest, the networks share the other half.</summary>
    public const double SegmentsWeight = 0.5;

    /// <summary>The interaction model, the first part <see cref="Of"/> puts in: a candidate of its own beside the ensemble.</summary>
    public LearnedModel Interactions => (LearnedModel)Parts[0].Model;

    /// <summary>The segment model, the last part <see cref="Of"/> puts in: a candidate of its own beside the ensemble.</summary>
    public SegmentResponseModel Segments => (SegmentResponseModel)Parts[^1].Model;

    /// <summary>The parts that are candidates of their own beside the ensemble, in the order a run judges them: the segment model, then the interaction model.</summary>
    public IReadOnlyList<ICandidateModel> CandidateParts => [Segments, Interactions];

    /// <summary>The part of <see cref="CandidateParts"/> of <paramref name="kind"/>, or null.</summary>
    public ICandidateModel? CandidatePart(string kind) => CandidateParts.FirstOrDefault(part => part.Kind == kind);

    /// <summary>The response networks among the parts, in order.</summary>
    public IEnumerable<ResponseNetwork> ResponseNetworks => Parts.Select(part => part.Model).OfType<ResponseNetwork>();

    /// <summary>The interaction model with weight ¼, each network with ¼ / <see cref="Networks"/> and the segment model with ½.</summary>
    public static EnsembleModel Of(LearnedModel interactions, IReadOnlyList<ResponseNetwork> networks, SegmentResponseModel segments)
    {
        var rest = (1 - SegmentsWeight) / 2;
        return new([(interactions, rest), .. networks.Select(network => ((ICandidateModel)network, rest / networks.Count)), (segments, SegmentsWeight)]);
    }

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
