using Microsoft.ML;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// S-learner: one model with the treatment as an input, so one model gives the whole response curve over the discount
/// grid. The row is [x, t, t·x]: the interactions let even a linear model respond differently per customer.
/// </summary>
public sealed class SLearner : IUpliftModel
{
    public SLearner(ProbabilityModel model) => Model = model;

    public ProbabilityModel Model { get; }

    public string Name => $"S-learner {Model.Learner.Name}";

    public static SLearner Fit(MLContext ml, LearnerSpec learner, IReadOnlyList<float[]> features, IReadOnlyList<bool> treated, IReadOnlyList<bool> outcome) =>
        new(ProbabilityModel.Fit(ml, learner, features.Select((x, i) => Row(x, treated[i])).ToList(), outcome));

    public static float[] Row(float[] x, bool treated)
    {
        var row = new float[x.Length * 2 + 1];
        x.CopyTo(row, 0);
        if (treated)
        {
            row[x.Length] = 1;
            x.CopyTo(row, x.Length + 1);
        }

        return row;
    }

    public static IReadOnlyList<string> RowNames(IReadOnlyList<string> featureNames) =>
        [.. featureNames, "treatment", .. featureNames.Select(name => $"treatment*{name}")];

    public (double[] Treated, double[] Control) Predict(IReadOnlyList<float[]> features) =>
        (Model.Predict(features.Select(x => Row(x, true)).ToList()), Model.Predict(features.Select(x => Row(x, false)).ToList()));
}
