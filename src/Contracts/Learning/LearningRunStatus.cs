namespace OrleansPricing.Contracts.Learning;

public enum LearningRunStatus
{
    Running = 0,
    Completed = 1,
    Failed = 2,

    /// <summary>Stopped on request before it changed the model registry: serving is unchanged.</summary>
    Cancelled = 3,
}
