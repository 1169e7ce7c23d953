using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// Keeps model versions and which one serves. A version is kept only after it loads, matches its card and the feature
/// definition, and gives finite probabilities on a probe batch; a refused upload leaves everything as it was.
/// At most <see cref="MaxKeptVersions"/> versions are stored (the oldest unused go first) to bound the state size. With
/// blob storage (<see cref="ModelPackageBlobs"/>) the ONNX bytes live there and the state keeps metadata and cards only;
/// without it the bytes are in the state, bounded by <see cref="ModelStorageLimit"/>.
/// </summary>
public sealed class ModelRegistryGrain(
    [PersistentState("model-registry", PricingStorage.Name)] IPersistentState<ModelRegistryState> state,
    TimeProvider time,
    IServiceProvider services) : Grain, IModelRegistryGrain
{
    private readonly ModelPackageBlobs? _blobs = services.GetService<ModelPackageBlobs>();
    private readonly int _maxInlineBytes = services.GetService<ModelStorageLimit>()?.MaxInlineBytes ?? MaxModelBytes;

    public const int MaxKeptVersions = 5;
    public const int MaxModelBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, SiloScoringStatus> _silos = new(StringComparer.Ordinal);

    /// <summary>Blobs of versions just forgotten, deleted once the state without them is written.</summary>
    private readonly List<string> _forgottenBlobs = [];

    private ModelRegistryState State => state.State;

    private string? Active => State.ActivationHistory.Count > 0 ? State.ActivationHistory[^1] : null;

    public Task<ModelRegistryResult> UploadAsync(ModelUpload upload) =>
        LearnedVersions.IsLearned(upload.Version)
            ? Task.FromResult(Refused($"Versions named '{LearnedVersions.Prefix}…' are the learning service's; name an upload otherwise."))
            : RegisterAsync(upload);

    public Task<ModelRegistryResult> RegisterLearnedAsync(ModelUpload upload) =>
        LearnedVersions.IsLearned(upload.Version)
            ? RegisterAsync(upload)
            : Task.FromResult(Refused($"A learned version is named '{LearnedVersions.Prefix}NNNN', not '{upload.Version}'."));

    private async Task<ModelRegistryResult> RegisterAsync(ModelUpload upload)
    {
        if (string.IsNullOrWhiteSpace(upload.Version) || upload.Version.Length > 64)
        {
            return Refused("The version must be 1 to 64 characters.");
        }

        if (upload.Onnx.Length is 0 or > MaxModelBytes)
        {
            return Refused($"The ONNX model must be 1 byte to {MaxModelBytes / 1024 / 1024} MiB, was {upload.Onnx.Length} bytes.");
        }

        if (_blobs is null && upload.Onnx.Length > _maxInlineBytes)
        {
            return Refused($"This cluster keeps models in its grain state, which holds at most {_maxInlineBytes / 1024} KiB here; the model has {upload.Onnx.Length / 1024} KiB. Give ConnectionStrings:PricingStorage a blob endpoint for larger models.");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Onnx));
        if (State.Versions.TryGetValue(upload.Version, out var existing))
        {
            return existing.Sha256 == sha256 ? Accepted() : Refused($"Version {upload.Version} already exists with different content.");
        }

        if (ModelCardCheck.Problem(upload.CardJson, out var cardError) is not { } card)
        {
            return Refused(cardError!);
        }

        try
        {
            // Validated on the CPU: what matters here is the model, not the provider this silo happens to have.
            using var scorer = OnnxScorer.Load(upload.Onnx, upload.Version, new ScoringOptions { ExecutionProvider = "cpu" });
        }
        catch (InvalidScoringModelException exception)
        {
            return Refused(exception.Message);
        }

        if (_blobs is not null)
        {
            await _blobs.SaveAsync(sha256, upload.Onnx);
        }

        State.Packages[upload.Version] = _blobs is null ? upload : upload with { Onnx = [] };
        State.Versions[upload.Version] = new ModelVersionInfo(upload.Version, card.ModelId, card.Learner, sha256, upload.Onnx.Length, time.GetUtcNow());
        ForgetOldVersions();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        foreach (var sha in _forgottenBlobs)
        {
            await _blobs!.DeleteAsync(sha);
        }

        _forgottenBlobs.Clear();
        return Accepted();
    }

    public async Task<ModelRegistryResult> ActivateAsync(string version)
    {
        if (!State.Versions.ContainsKey(version))
        {
            return Refused(ModelRegistryResult.NotFound);
        }

        var (activating, wasShadow) = (Active != version, State.Shadow == version);
        if (!activating && !wasShadow)
        {
            return Accepted();
        }

        if (activating)
        {
            State.ActivationHistory.Add(version);
        }

        // Activating the shadow version promotes it: its trial is over.
        State.Shadow = wasShadow ? null : State.Shadow;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return Accepted();
    }

    public async Task<ModelRegistryResult> RollbackAsync()
    {
        if (State.ActivationHistory.Count < 2)
        {
            return Refused("There is no earlier active version to return to.");
        }

        State.ActivationHistory.RemoveAt(State.ActivationHistory.Count - 1);
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return Accepted();
    }

    public async Task<ModelRegistryResult> SetShadowAsync(string? version)
    {
        if (version is not null && !State.Versions.ContainsKey(version))
        {
            return Refused(ModelRegistryResult.NotFound);
        }

        State.Shadow = version;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return Accepted();
    }

    public Task<ModelRegistryView> GetAsync() => Task.FromResult(View());

    public async Task<ModelUpload?> GetPackageAsync(string version)
    {
        if (!State.Packages.TryGetValue(version, out var package))
        {
            return null;
        }

        if (package.Onnx.Length > 0 || _blobs is null)
        {
            return package;
        }

        var onnx = await _blobs.LoadAsync(State.Versions[version].Sha256)
            ?? throw new InvalidOperationException($"The model file of version {version} is missing from blob storage.");
        return package with { Onnx = onnx };
    }

    public Task ReportSiloAsync(SiloScoringStatus status)
    {
        _silos[status.Silo] = status;
        return Task.CompletedTask;
    }

    private ModelRegistryView View()
    {
        var history = State.ActivationHistory;
        return new ModelRegistryView(
            State.Versions.Values.OrderBy(v => v.UploadedAt).ToList(),
            Active,
            history.Count > 1 ? history[^2] : null,
            State.Shadow,
            _silos.Values.OrderBy(s => s.Silo, StringComparer.Ordinal).ToList());
    }

    private void ForgetOldVersions()
    {
        var inUse = new HashSet<string?>(State.ActivationHistory.TakeLast(2)) { State.Shadow };
        foreach (var old in State.Versions.Values.OrderBy(v => v.UploadedAt).Where(v => !inUse.Contains(v.Version))
                     .Take(Math.Max(0, State.Versions.Count - MaxKeptVersions)).Select(v => v.Version).ToList())
        {
            // The blob goes only when no kept version shares its content.
            var sha256 = State.Versions[old].Sha256;
            State.Versions.Remove(old);
            State.Packages.Remove(old);
            if (_blobs is not null && State.Versions.Values.All(v => v.Sha256 != sha256))
            {
                _forgottenBlobs.Add(sha256);
            }
            State.ActivationHistory.RemoveAll(version => version == old);
        }
    }

    private ModelRegistryResult Accepted() => new(true, null, View());

    private ModelRegistryResult Refused(string error) => new(false, error, View());
}
