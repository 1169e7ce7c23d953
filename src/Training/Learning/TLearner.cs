using Microsoft.ML;

namespace OrleansPricing.Training.Learning;

/// <summary>T-learner: one model per arm, each trained only on that arm's customers.</summary>
public sealed class TLearner(ProbabilityModel treatedModel, ProbabilityModel controlModel) : IUpliftModel
{
    public string Name => $"T-learner {treatedModel.Learner.Name}";

    public ProbabilityModel TreatedModel => treatedModel;

    public ProbabilityModel ControlModel => controlModel;

    public static TLearner Fit(MLContext ml, LearnerSpec learner, IReadOnlyList<float[]> features, IReadOnlyList<bool> treated, IReadOnlyList<bool> outcome)
    {
        var treatedRows = Enumerable.Range(0, features.Count).Where(i => treated[i]).ToList();
        var controlRows = Enumerable.Range(0, features.Count).Where(i => !treated[i]).ToList();
        return new TLearner(
            ProbabilityModel.Fit(ml, learner, treatedRows.Select(i => features[i]).ToList(), treatedRows.Select(i => outcome[i]).ToList()),
            ProbabilityModel.Fit(ml, learner, controlRows.Select(i => features[i]).ToList(), controlRows.Select(i => outcome[i]).ToList()));
    }

    public (double[] Treated, double[] Control) Predict(IReadOnlyList<float[]> features) =>
        (treatedModel.Predict(features), controlModel.Predict(features));
}
