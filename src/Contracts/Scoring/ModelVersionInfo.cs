namespace OrleansPricing.Contracts.Scoring;

[GenerateSerializer, Immutable, Alias("contracts.model-version-info")]
public sealed record ModelVersionInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string ModelId,
    [property: Id(2)] string Learner,
    [property: Id(3)] string Sha256,
    [property: Id(4)] int Bytes,
    [property: Id(5)] DateTimeOffset UploadedAt);
