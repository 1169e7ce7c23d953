namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// The last scheduled run skipped for want of new decisions (Learning:MinNewDecisions): when, how many decisions had been
/// logged since the last completed run began, and which run that was. Kept by the learning grain while it is active.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.schedule-skip-view")]
public sealed record ScheduleSkipView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int NewDecisions,
    [property: Id(2)] int MinNewDecisions,
    [property: Id(3)] string SinceRunId);
