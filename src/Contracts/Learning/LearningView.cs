namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// The learning service: the model that prices quotes now, the recent runs (newest first) and, when the schedule last
/// skipped a run for want of new decisions, that skip.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.learning-view")]
public sealed record LearningView(
    [property: Id(0)] string? ActiveModel,
    [property: Id(1)] IReadOnlyList<LearningRunView> Runs,
    [property: Id(2)] ScheduleSkipView? LastSkipped = null);
