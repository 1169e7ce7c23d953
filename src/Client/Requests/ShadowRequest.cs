namespace OrleansPricing.Client.Requests;

/// <summary>Body of <c>PUT /api/v1/admin/models/shadow</c>; a null version stops shadow scoring.</summary>
public sealed record ShadowRequest(string? Version);
