using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>The pricing policy's response model served by the scoring pool (Pricing:ResponseModel = onnx).</summary>
public sealed class PooledResponseModel(IGrainFactory grains, ActiveModel model) : IResponseModel
{
    public ResponseModelInfo Info => new("onnx-response", model.ActiveVersion ?? "none", "onnx", FeatureDefinition.Version);

    public async ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        await grains.GetGrain<IScoringGrain>(0).ScoreAsync(rows.Values.AsImmutable());

    /// <remarks>The scoring grains are local to this silo, so its own view of the shadow says whether to ask at all: no call without one.</remarks>
    public async ValueTask<TrialScores?> PredictTrialAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        model.ShadowVersion is not null && await grains.GetGrain<IScoringGrain>(0).ScoreShadowAsync(rows.Values.AsImmutable()) is { } shadow
            ? new TrialScores($"onnx-response@{shadow.Version}", shadow.Probabilities)
            : null;
}
