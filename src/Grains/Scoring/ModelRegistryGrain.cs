using System.Security.Cryptography;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Scoring;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// Keeps model versions and which one serves. A version is kept only after it loads, matches its card and the feature
/// definition, and gives finite probabilities on a probe batch; a refused upload leaves everything as it was.
/// At most <see cref="MaxKeptVersions"/> versions are stored (the oldest unused go first) to bound the state size.
/// </summary>
public sealed class ModelRegistryGrain(
    [PersistentState("model-registry", PricingStorage.Name)] IPersistentState<ModelRegistryState> state,
    TimeProvider time) : Grain, IModelRegistryGrain
{
    public const int MaxKeptVersions = 5;
    public const int MaxModelBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, SiloScoringStatus> _silos = new(StringComparer.Ordinal);

    private ModelRegistryState State => state.State;

    private string? Active => State.ActivationHistory.Count > 0 ? State.ActivationHistory[^1] : null;

    public async Task<ModelRegistryResult> UploadAsync(ModelUpload upload)
    {
        if (string.IsNullOrWhiteSpace(upload.Version) || upload.Version.Length > 64)
        {
            return Refused("The version must be 1 to 64 characters.");
        }

        if (upload.Onnx.Length is 0 or > MaxModelBytes)
        {
            return Refused($"The ONNX model must be 1 byte to {MaxModelBytes / 1024 / 1024} MiB, was {upload.Onnx.Length} bytes.");
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

        State.Packages[upload.Version] = upload;
        State.Versions[upload.Version] = new ModelVersionInfo(upload.Version, card.ModelId, card.Learner, sha256, upload.Onnx.Length, time.GetUtcNow());
        ForgetOldVersions();
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return Accepted();
    }

    public async Task<ModelRegistryResult> ActivateAsync(string version)
    {
        if (!State.Versions.ContainsKey(version))
        {
            return Refused(ModelRegistryResult.NotFound);
        }

        if (Active != version)
        {
            State.ActivationHistory.Add(version);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

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

    public Task<ModelUpload?> GetPackageAsync(string version) =>
        Task.FromResult(State.Packages.TryGetValue(version, out var package) ? package : null);

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
            State.Versions.Remove(old);
            State.Packages.Remove(old);
            State.ActivationHistory.RemoveAll(version => version == old);
        }
    }

    private ModelRegistryResult Accepted() => new(true, null, View());

    private ModelRegistryResult Refused(string error) => new(false, error, View());
}
