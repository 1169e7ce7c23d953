using Orleans.Concurrency;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// A worker of the scoring pool. [StatelessWorker]: activations are local to the calling silo and hold no state, so
/// they scale with load. [Reentrant]: while one call waits for its batch, the activation takes more calls — that
/// concurrency is what lets the silo's micro-batcher gather them into one ONNX Runtime run.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ScoringGrain(MicroBatcher batcher) : Grain, IScoringGrain
{
    public async Task<float[]> ScoreAsync(Immutable<float[]> rows)
    {
        try
        {
            return await batcher.ScoreAsync(rows.Value);
        }
        catch (Exception exception) when (exception is ScoringOverloadedException or ScoringDeadlineExceededException or NoModelServedException)
        {
            // The scoring library runs without Orleans; its refusals cross the wire as a contract type.
            throw new ScoringUnavailableException(exception.Message);
        }
    }

    public Task<ShadowScores?> ScoreShadowAsync(Immutable<float[]> rows)
    {
        try
        {
            return Task.FromResult(batcher.ScoreShadow(rows.Value) is { } shadow ? new ShadowScores(shadow.Version, shadow.Probabilities) : null);
        }
        catch (NoModelServedException exception)
        {
            throw new ScoringUnavailableException(exception.Message);
        }
    }
}
