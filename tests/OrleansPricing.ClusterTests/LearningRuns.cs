using OrleansPricing.Contracts.Learning;

namespace OrleansPricing.ClusterTests;

/// <summary>Learning runs the cluster tests start and wait for.</summary>
internal static class LearningRuns
{
    /// <summary>
    /// Polls the run <paramref name="started"/> (or one started now) until it ends, for at most <paramref name="bound"/>:
    /// a run trains on the thread pool in real time, which the tests' fake clock does not move.
    /// </summary>
    public static async Task<LearningRunView> RunToEndAsync(ILearningGrain learning, TimeSpan bound, string? started = null)
    {
        var runId = started ?? await learning.StartRunAsync("test");
        var poll = TimeSpan.FromMilliseconds(50);
        for (var waited = TimeSpan.Zero; waited < bound; waited += poll)
        {
            if (await learning.GetRunAsync(runId) is { Status: not LearningRunStatus.Running } run)
            {
                return run;
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"Learning run {runId} did not finish within {bound.TotalSeconds:F0} s.");
    }
}
