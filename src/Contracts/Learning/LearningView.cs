namespace OrleansPricing.Contracts.Learning;

/// <summary>The learning service: the model that prices quotes now and the recent runs, newest first.</summary>
[GenerateSerializer, Immutable, Alias("contracts.learning-view")]
public sealed record LearningView(
    [property: Id(0)] string? ActiveModel,
    [property: Id(1)] IReadOnlyList<LearningRunView> Runs);
