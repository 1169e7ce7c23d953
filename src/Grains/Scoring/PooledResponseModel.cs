using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>The pricing policy's response model served by the scoring pool (Pricing:ResponseModel = onnx).</summary>
public sealed class PooledResponseModel(IGrainFactory grains, ActiveModel model) : IResponseModel
{
    /// <summary>One reference for every quote: Orleans resolves a grain interface by reflection on each GetGrain (3.6% of the gateway's CPU, all GetGrain calls together, in a profile).</summary>
    private IScoringGrain? _pool;

    private IScoringGrain Pool => _pool ??= grains.GetGrain<IScoringGrain>(0);

    private const string ModelId = "onnx-response";

    private ResponseModelInfo _info = new(ModelId, "none", "onnx", FeatureDefinition.Version);

    /// <summary>Built anew only when the active version changes: every quote reads it (its name, its exploration rate).</summary>
    public ResponseModelInfo Info
    {
        get
        {
            var version = model.ActiveVersion ?? "none";
            var info = _info;
            return info.Version == version ? info : _info = info with { Version = version };
        }
    }

    public async ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) =>
        await Pool.ScoreAsync(rows.Values.AsImmutable());

    /// <remarks>
    /// One call either way: the scoring grains are local to this silo, so its own view says whether there is a shadow, and
    /// the batch that scores the rows scores them with the shadow too (its comparison needs that run anyway).
    /// </remarks>
    public async ValueTask<(float[] Active, TrialScores? Shadow)> PredictWithShadowAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
    {
        if (model.ShadowVersion is null)
        {
            return (await PredictAsync(rows, cancellationToken), null);
        }

        var scored = await Pool.ScoreWithShadowAsync(rows.Values.AsImmutable());
        return (scored.Probabilities,
            scored is { ShadowVersion: { } version, ShadowProbabilities: { } shadow } ? new TrialScores(ResponseModelInfo.NameOf(ModelId, version), shadow) : null);
    }
}
