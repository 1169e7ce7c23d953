using Orleans.Concurrency;

namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// The scoring pool: stateless workers on every silo that hand feature rows to the silo's micro-batcher and ONNX
/// Runtime session. Calls stay on the calling silo.
/// </summary>
[Alias("contracts.scoring")]
public interface IScoringGrain : IGrainWithIntegerKey
{
    /// <param name="rows">Row-major feature-definition rows.</param>
    /// <returns>Purchase probability per row, in row order.</returns>
    [Alias("score")]
    Task<float[]> ScoreAsync(Immutable<float[]> rows);

    /// <returns>The rows scored by the active version and, in the same batch, by this silo's shadow version if it has one.</returns>
    [Alias("score-with-shadow")]
    Task<ScoredRows> ScoreWithShadowAsync(Immutable<float[]> rows);
}
