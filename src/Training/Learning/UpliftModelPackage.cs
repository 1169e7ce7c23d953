using System.Text.Json;
using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Export;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// The learners an <c>uplift</c> run refit, saved so that <c>score</c> can apply one to new customers: every finalist's
/// ML.NET model files, the cleaning of every input column as fitted (medians, clipping bounds, scales, categories), the
/// economics of the offer, and which learner the run selected. One folder, <c>model/</c> under the run's output.
/// </summary>
public sealed record UpliftModelPackage(
    string Format,
    string Selected,
    IReadOnlyList<PackagedLearner> Learners,
    IReadOnlyList<FeatureColumn> Columns,
    TargetingEconomics Economics,
    string TrainedOnSha256)
{
    public const string CurrentFormat = "orleanspricing-uplift/v1";
    public const string ManifestFile = "uplift-model.json";

    public static void Save(string directory, IReadOnlyList<CandidateResult> finalists, string selected, CampaignData data, TargetingEconomics economics)
    {
        Directory.CreateDirectory(directory);
        var learners = new List<PackagedLearner>();
        foreach (var (finalist, index) in finalists.Select((f, i) => (f, i)))
        {
            var members = finalist.Model is AveragingEnsemble ensemble ? ensemble.Members : [finalist.Model!];
            var packaged = members.Select((member, m) => SaveMember(directory, $"learner-{index}-{m}", member)).ToList();
            learners.Add(new PackagedLearner(finalist.Name, packaged));
        }

        var package = new UpliftModelPackage(CurrentFormat, selected, learners, data.Columns, economics, data.Sha256);
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(package, ModelCard.Json));
    }

    public static UpliftModelPackage Read(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{directory}: no {ManifestFile}; point --model at the 'model' folder an uplift run wrote.");
        }

        var package = JsonSerializer.Deserialize<UpliftModelPackage>(File.ReadAllText(path), ModelCard.Json)
            ?? throw new InvalidOperationException($"{path} is empty.");
        return package.Format == CurrentFormat
            ? package
            : throw new InvalidOperationException($"{path} is of format '{package.Format}'; this build reads '{CurrentFormat}'.");
    }

    /// <summary>The named learner (the selected one when <paramref name="name"/> is null), ready to predict.</summary>
    public (string Name, IUpliftModel Model) Load(MLContext ml, string directory, string? name)
    {
        var wanted = name ?? Selected;
        var learner = Learners.FirstOrDefault(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No learner named '{wanted}' in {directory}; it has: {string.Join("; ", Learners.Select(l => l.Name))}.");
        var members = learner.Members.Select(member =>
        {
            ProbabilityModel Open(string file, int width) => ProbabilityModel.Load(ml, Path.Combine(directory, file), width, member.Learner);
            return member.MetaLearner switch
            {
                "S" => (IUpliftModel)new SLearner(Open(member.Files[0], Columns.Count * 2 + 1)),
                "T" => new TLearner(Open(member.Files[0], Columns.Count), Open(member.Files[1], Columns.Count)),
                _ => TarNetLearner.Load(Path.Combine(directory, member.Files[0]), member.Learner),
            };
        }).ToList();
        return (learner.Name, members.Count == 1 ? members[0] : new AveragingEnsemble(members));
    }

    private static PackagedMember SaveMember(string directory, string stem, IUpliftModel model)
    {
        switch (model)
        {
            case SLearner s:
                s.Model.Save(Path.Combine(directory, $"{stem}-s.zip"));
                return new PackagedMember("S", s.Model.Learner, [$"{stem}-s.zip"]);
            case TLearner t:
                t.TreatedModel.Save(Path.Combine(directory, $"{stem}-treated.zip"));
                t.ControlModel.Save(Path.Combine(directory, $"{stem}-control.zip"));
                return new PackagedMember("T", t.TreatedModel.Learner, [$"{stem}-treated.zip", $"{stem}-control.zip"]);
            case TarNetLearner deep:
                deep.Save(Path.Combine(directory, $"{stem}-tarnet.json"));
                return new PackagedMember(TarNetLearner.MetaLearner, deep.Learner, [$"{stem}-tarnet.json"]);
            default:
                throw new InvalidOperationException($"{model.Name} cannot be saved: only S-, T- and TARNet learners and their ensembles are.");
        }
    }
}

/// <summary>One saved learner: a single S- or T-learner, or the members an ensemble averages.</summary>
public sealed record PackagedLearner(string Name, IReadOnlyList<PackagedMember> Members);

/// <summary>An S-learner (one model file over [x, t, t·x]), a T-learner (treated, then control model file) or a TARNet (its parameters).</summary>
public sealed record PackagedMember(string MetaLearner, LearnerSpec Learner, IReadOnlyList<string> Files);
