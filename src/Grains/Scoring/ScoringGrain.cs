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
    public Task<float[]> ScoreAsync(Immutable<float[]> rows) => Refusals(batcher.ScoreAsync(rows.Value));

    public async Task<ScoredRows> ScoreWithShadowAsync(Immutable<float[]> rows)
    {
        var scores = await Refusals(batcher.ScoreAsync(rows.Value, withShadow: true));
        return new ScoredRows(scores.Active, scores.ShadowVersion, scores.Shadow);
    }

    /// <summary>The scoring library runs without Orleans; its refusals cross the wire as a contract type.</summary>
    private static async Task<T> Refusals<T>(Task<T> scoring)
    {
        try
        {
            return await scoring;
        }
        catch (Exception exception) when (exception is ScoringOverloadedException or ScoringDeadlineExceededException or NoModelServedException)
        {
            throw new ScoringUnavailableException(exception.Message);
        }
    }
}
