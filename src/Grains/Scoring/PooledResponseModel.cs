using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>The pricing policy's response model served by the scoring pool (Pricing:ResponseModel = onnx).</summary>
public sealed class PooledResponseModel(IGrainFactory grains, ActiveModel model) : IResponseModel
{
    /// <summary>One reference for every quote: Orleans resolves a grain interface by reflection on each GetGrain (3.6% of a quote's CPU in a profile).</summary>
    private IScoringGrain? _pool;

    private IScoringGrain Pool => _pool ??= grains.GetGrain<IScoringGrain>(0);

    public ResponseModelInfo Info => new("onnx-response", model.ActiveVersion ?? "none", "onnx", FeatureDefinition.Version);

    public async ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        await Pool.ScoreAsync(rows.Values.AsImmutable());

    /// <remarks>The scoring grains are local to this silo, so its own view of the shadow says whether to ask at all: no call without one.</remarks>
    public async ValueTask<TrialScores?> PredictTrialAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        model.ShadowVersion is not null && await Pool.ScoreShadowAsync(rows.Values.AsImmutable()) is { } shadow
            ? new TrialScores($"onnx-response@{shadow.Version}", shadow.Probabilities)
            : null;
}
