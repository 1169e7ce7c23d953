namespace OrleansPricing.Contracts.Scoring;

/// <summary>An ONNX model with its model card (JSON, as the learning pipeline writes it).</summary>
[GenerateSerializer, Immutable, Alias("contracts.model-upload")]
public sealed record ModelUpload(
    [property: Id(0)] string Version,
    [property: Id(1)] byte[] Onnx,
    [property: Id(2)] string CardJson);
