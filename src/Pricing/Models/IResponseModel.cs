namespace OrleansPricing.Pricing.Models;

/// <summary>
/// Predicts purchase probability for feature rows built by <see cref="Features.FeatureDefinition"/>. The pricing policy
/// asks for a whole quote's rows (every SKU at every discount level) in one call so that a batched scorer can serve it.
/// </summary>
public interface IResponseModel
{
    ResponseModelInfo Info { get; }

    /// <returns>One probability in [0, 1] per row of <paramref name="rows"/>, in row order.</returns>
    ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default);

    /// <returns>
    /// The rows' probabilities as <see cref="PredictAsync"/> gives them and, when there is a shadow version on trial, its
    /// probabilities of the same rows (a model without versions has none).
    /// </returns>
    async ValueTask<(float[] Active, TrialScores? Shadow)> PredictWithShadowAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        (await PredictAsync(rows, cancellationToken), null);
}
