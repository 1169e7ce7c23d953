namespace OrleansPricing.Contracts.Learning;

/// <summary>The answer to a request to cancel a run: the run as it stands, and why the request was refused, if it was.</summary>
/// <param name="Refusal">Null when the run was asked to stop; otherwise why it cannot be (it is not running, or it is already changing the model registry).</param>
[GenerateSerializer, Immutable, Alias("contracts.learning-run-cancel")]
public sealed record LearningRunCancel(
    [property: Id(0)] LearningRunView Run,
    [property: Id(1)] string? Refusal);
