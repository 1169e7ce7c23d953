namespace OrleansPricing.Contracts.Scoring;

/// <summary>What one silo's scoring pool serves now, and its decision log (null from a silo older than 2026-12-05), as it last reported.</summary>
[GenerateSerializer, Immutable, Alias("contracts.silo-scoring-status")]
public sealed record SiloScoringStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] string? Provider,
    [property: Id(2)] string? ProviderFallback,
    [property: Id(3)] string? ActiveVersion,
    [property: Id(4)] string? ShadowVersion,
    [property: Id(5)] long Batches,
    [property: Id(6)] long Rows,
    [property: Id(7)] double MeanBatchRows,
    [property: Id(8)] long Shed,
    [property: Id(9)] long DeadlineExceeded,
    [property: Id(10)] double? ShadowMeanAbsoluteDifference,
    [property: Id(11)] string? LastLoadError,
    [property: Id(12)] DateTimeOffset ReportedAt,
    [property: Id(13)] SiloDecisionLogStatus? DecisionLog = null);
