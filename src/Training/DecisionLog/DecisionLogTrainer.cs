using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Training.DecisionLog;

/// <summary>
/// Trains the cluster's logistic purchase model from its own decision log. Rows are built by the shared
/// <see cref="FeatureDefinition"/> (no training/serving skew) and weighted by 1 / propensity, so decisions the old
/// policy rarely took count as much as they should (inverse propensity weighting). The result is a model file the
/// cluster serves as is (models/README.md).
/// </summary>
public static class DecisionLogTrainer
{
    public static (LogisticModelFile File, ITransformer Model, MLContext Ml) Train(
        IReadOnlyList<DecisionRecord> records, string modelId, string version, float l2, int seed)
    {
        var labelled = records.Where(r => r.Purchased is not null).ToList();
        if (labelled.Count == 0 || labelled.All(r => r.Purchased == true) || labelled.All(r => r.Purchased == false))
        {
            throw new InvalidOperationException("The decision log needs decisions with known outcomes, both purchases and non-purchases.");
        }

        var ml = new MLContext(seed);
        var data = ToDataView(ml, labelled);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(WeightedRow.Weight),
            L1Regularization = 0,
            L2Regularization = l2,
            MaximumNumberOfIterations = 500,
            OptimizationTolerance = 1e-8f,
        });
        var model = trainer.Fit(data);
        var parameters = model.Model;
        var linear = parameters.SubModel;
        var calibrator = parameters.Calibrator;

        // ML.NET's Platt calibration: p = 1 / (1 + exp(slope · (w·x + b) + offset)); fold it into one logistic model.
        var slope = calibrator.Slope;
        var offset = calibrator.Offset;
        var weights = linear.Weights.ToArray();
        var file = new LogisticModelFile
        {
            ModelId = modelId,
            Version = version,
            FeatureDefinition = FeatureDefinition.Version,
            Description = $"Trained from a decision log of {labelled.Count} decisions with known outcomes, IPW-weighted, L2 {l2}.",
            Intercept = -(slope * linear.Bias + offset),
            Coefficients = FeatureDefinition.Names.Select((name, i) => (name, value: -slope * weights[i]))
                .ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal),
        };
        return (file, model, ml);
    }

    public static IDataView ToDataView(MLContext ml, IReadOnlyList<DecisionRecord> records)
    {
        var schema = SchemaDefinition.Create(typeof(WeightedRow));
        schema[nameof(WeightedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureDefinition.Count);
        var rows = records.Select(record =>
        {
            var features = new float[FeatureDefinition.Count];
            record.WriteFeatures(features);
            return new WeightedRow { Features = features, Label = record.Purchased ?? false, Weight = (float)(1 / record.Propensity) };
        });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    public static void Save(LogisticModelFile file, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(file, Export.ModelCard.Json));

    public sealed class WeightedRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; }
    }
}
