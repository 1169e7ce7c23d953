using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace OrleansPricing.Training.Learning;

/// <summary>One learner with one set of hyperparameters. Every learner outputs calibrated probabilities.</summary>
public sealed record LearnerSpec(string Family, IReadOnlyDictionary<string, double> Hyperparameters)
{
    public const string LogisticL1 = "logistic-l1";
    public const string LogisticL2 = "logistic-l2";
    public const string FastTree = "fasttree";
    public const string LightGbm = "lightgbm";

    /// <summary>
    /// The naive two-model baseline: one logistic regression per arm with ML.NET's default settings, untuned (the grid has
    /// its one configuration), whose uplift is the difference of the two predicted rates. Every tuned learner is read
    /// against it.
    /// </summary>
    public const string NaiveLogistic = "naive-logistic";

    /// <summary>The deep uplift learner (<see cref="TarNetLearner"/>): its own meta-learner, not built by ML.NET.</summary>
    public const string Deep = "deep";

    public string Name => Hyperparameters.Count == 0 ? $"{Family} (untuned)" : $"{Family}({string.Join(", ", Hyperparameters.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value:G4}")))})";

    private int Int(string key) => (int)Hyperparameters[key];

    private float Float(string key) => (float)Hyperparameters[key];

    public IEstimator<ITransformer> Build(MLContext ml) => Family switch
    {
        LogisticL1 => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = Float("l1"), L2Regularization = 1e-4f, MaximumNumberOfIterations = 200,
        }),
        LogisticL2 => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0, L2Regularization = Float("l2"), MaximumNumberOfIterations = 200,
        }),
        NaiveLogistic => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
        FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfLeaves = Int("leaves"), NumberOfTrees = Int("trees"), LearningRate = Float("learningRate"),
            MinimumExampleCountPerLeaf = Int("minLeaf"), NumberOfThreads = 1, FeatureFraction = 1,
        }),
        LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = Int("leaves"), NumberOfIterations = Int("iterations"), LearningRate = Float("learningRate"),
            MinimumExampleCountPerLeaf = Int("minLeaf"), NumberOfThreads = 1, Seed = 42,
        }),
        _ => throw new ArgumentException($"Learner family '{Family}' is not an ML.NET trainer."),
    };

    /// <summary>The meta-learners a family is searched with: S and T for the ML.NET families, TARNet for the deep one.</summary>
    public IReadOnlyList<string> MetaLearners => Family switch
    {
        Deep => [TarNetLearner.MetaLearner],
        NaiveLogistic => ["T"],
        _ => ["S", "T"],
    };

    /// <summary>The hyperparameter grid searched by cross-validation, per family.</summary>
    public static IReadOnlyList<LearnerSpec> Grid(IEnumerable<string> families) => families.SelectMany(family => family switch
    {
        NaiveLogistic => [Spec(family)],
        LogisticL1 => RegularizationGrid.Select(l1 => Spec(family, ("l1", l1))),
        LogisticL2 => RegularizationGrid.Select(l2 => Spec(family, ("l2", l2))),
        FastTree =>
        [
            Spec(family, ("leaves", 4), ("trees", 100), ("learningRate", 0.05), ("minLeaf", 50)),
            Spec(family, ("leaves", 8), ("trees", 200), ("learningRate", 0.05), ("minLeaf", 50)),
        ],
        LightGbm =>
        [
            Spec(family, ("leaves", 4), ("iterations", 100), ("learningRate", 0.05), ("minLeaf", 50)),
            Spec(family, ("leaves", 8), ("iterations", 200), ("learningRate", 0.05), ("minLeaf", 50)),
        ],
        Deep =>
        [
            Spec(family, ("width", 32), ("depth", 2), ("learningRate", 0.003), ("weightDecay", 1e-3)),
            Spec(family, ("width", 64), ("depth", 2), ("learningRate", 0.003), ("weightDecay", 1e-2)),
        ],
        _ => throw new ArgumentException($"Unknown learner family '{family}'; use {NaiveLogistic}, {LogisticL1}, {LogisticL2}, {FastTree}, {LightGbm}, {Deep}."),
    }).ToList();

    private static readonly double[] RegularizationGrid = [0.01, 0.5, 2.0];

    public static IReadOnlyList<string> AllFamilies { get; } = [NaiveLogistic, LogisticL1, LogisticL2, FastTree, LightGbm, Deep];

    private static LearnerSpec Spec(string family, params (string Key, double Value)[] parameters) =>
        new(family, parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
}
