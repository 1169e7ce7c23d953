namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// The cluster's model versions (key: "default"). Uploads are validated (loadable, schema matching the card and the
/// feature definition, finite probabilities on a probe batch) before they are kept; every silo polls the registry (and is
/// told at once by <see cref="IServingRolloutGrain"/> after a change) and
/// switches to the active version without failing in-flight requests. A shadow version scores alongside, unserved.
/// </summary>
[Alias("contracts.model-registry")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    public const string Default = "default";

    /// <summary>An administrator's version; refused if named as the learning service names its versions (<c>learned-…</c>).</summary>
    [Alias("upload")]
    Task<ModelRegistryResult> UploadAsync(ModelUpload upload);

    /// <summary>
    /// A version the learning service trained on this shop's decisions, named <c>learned-NNNN</c>: the one way such a name
    /// enters the registry, so a silo may read the name as where the version came from (its exploration rate).
    /// </summary>
    [Alias("register-learned")]
    Task<ModelRegistryResult> RegisterLearnedAsync(ModelUpload upload);

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
