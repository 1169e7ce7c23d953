namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// The cluster's learning service (one activation, key <see cref="Default"/>): trains a candidate response model from the
/// decision log every <c>Learning:Interval</c> and on demand, judges it against the active model off-line, registers it as
/// the shadow version and promotes it only when it beats the active model with confidence. One run at a time.
/// </summary>
[Alias("contracts.learning")]
public interface ILearningGrain : IGrainWithStringKey
{
    public const string Default = "default";

    /// <summary>Starts a run now, or returns the id of the run already going.</summary>
    [Alias("start-run")]
    Task<string> StartRunAsync(string trigger);

    /// <summary>
    /// Asks a running run to stop at its next check (each step, and inside training each Newton step and each network's
    /// mini-batch); it then reads "cancelled" and serving is unchanged. Refused once the run is changing the model registry.
    /// </summary>
    /// <returns>Null for an unknown run id.</returns>
    [Alias("cancel-run")]
    Task<LearningRunCancel?> CancelRunAsync(string runId);

    /// <returns>Null for an unknown run id.</returns>
    [Alias("get-run")]
    Task<LearningRunView?> GetRunAsync(string runId);

    [Alias("get")]
    Task<LearningView> GetAsync();
}
