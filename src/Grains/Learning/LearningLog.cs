using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.Learning;

internal static partial class LearningLog
{
    /// <param name="outcome">What the run changed (<see cref="LearningRunChange.Outcome"/>): kept, refreshed or promoted.</param>
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Learning run {RunId} finished: {Outcome}; {Reason}")]
    public static partial void Finished(ILogger logger, string runId, string outcome, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Learning run {RunId}: {Progress}")]
    public static partial void Progress(ILogger logger, string runId, string progress);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Learning run {RunId} cancelled on request; serving is unchanged")]
    public static partial void Cancelled(ILogger logger, string runId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information,
        Message = "Scheduled learning run skipped: {NewDecisions} decisions logged since {LastRunId} began (the last completed run), fewer than Learning:MinNewDecisions ({MinNewDecisions}); serving is unchanged")]
    public static partial void ScheduledRunSkipped(ILogger logger, int newDecisions, string lastRunId, int minNewDecisions);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Learning run {RunId} failed; serving is unchanged")]
    public static partial void Failed(ILogger logger, string runId, Exception exception);
}
