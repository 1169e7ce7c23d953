using System.Text.Json;

namespace OrleansPricing.Client.Requests;

/// <summary>Body of <c>POST /api/v1/admin/models</c>: the ONNX file in base64 and its model card as written by the learning pipeline.</summary>
public sealed record ModelUploadRequest(string? Version, string? Onnx, JsonElement? Card);
