namespace OrleansPricing.Contracts.Learning;

/// <summary>
/// One step of a training run as it reported it — reading the log, training the candidates, each of the ensemble's parts
/// trained, judging, registering — with the wall-clock seconds since the run began: where a run's time went.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.learning-step-view")]
public sealed record LearningStepView(
    [property: Id(0)] double AtSeconds,
    [property: Id(1)] string Step);
