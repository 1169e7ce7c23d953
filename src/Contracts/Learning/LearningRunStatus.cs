namespace OrleansPricing.Contracts.Learning;

public enum LearningRunStatus
{
    Running = 0,
    Completed = 1,
    Failed = 2,
}
