namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// The cluster's model versions (key: "default"). Uploads are validated (loadable, schema matching the card and the
/// feature definition, finite probabilities on a probe batch) before they are kept; every silo polls the registry and
/// switches to the active version without failing in-flight requests. A shadow version scores alongside, unserved.
/// </summary>
[Alias("contracts.model-registry")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    public const string Default = "default";

    [Alias("upload")]
    Task<ModelRegistryResult> UploadAsync(ModelUpload upload);

    [Alias("activate")]
    Task<ModelRegistryResult> ActivateAsync(string version);

    /// <summary>Returns to the version active before the current one.</summary>
    [Alias("rollback")]
    Task<ModelRegistryResult> RollbackAsync();

    /// <param name="version">Null stops shadow scoring.</param>
    [Alias("set-shadow")]
    Task<ModelRegistryResult> SetShadowAsync(string? version);

    [Alias("get")]
    Task<ModelRegistryView> GetAsync();

    /// <returns>The model bytes of a version, or null if unknown.</returns>
    [Alias("get-package")]
    Task<ModelUpload?> GetPackageAsync(string version);

    [Alias("report-silo")]
    Task ReportSiloAsync(SiloScoringStatus status);
}
