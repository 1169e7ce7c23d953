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

    /// <summary>
    /// Exports a model trained on feature-definition rows to ONNX with its card: the input tensor "Features" holds one
    /// row of <see cref="FeatureDefinition.Count"/> values in definition order; the scoring pool serves it as is.
    /// </summary>
    public static void ExportOnnx(MLContext ml, ITransformer model, IReadOnlyList<DecisionRecord> sample, string directory,
        string modelId, string version, string learner, IReadOnlyDictionary<string, double> metrics, string trainingFile, string sha256, int rows)
    {
        var onnxFile = $"{modelId}-{version}.onnx";
        using (var stream = File.Create(Path.Combine(directory, onnxFile)))
        {
            ml.Model.ConvertToOnnx(model, ToDataView(ml, sample), stream);
        }

        new Export.ModelCard(modelId, version, "purchase-response", learner, onnxFile,
            new Export.ModelCardInput("Features", FeatureDefinition.Count, FeatureDefinition.Names, [],
                $"one row per (customer, product, context, discount) built by FeatureDefinition.Write ({FeatureDefinition.Version}); normalization is part of the definition"),
            new Pricing.Policy.PricingOptions().DiscountGrid, new Export.ModelCardTrainingData(trainingFile, sha256, rows, rows, 0),
            metrics, DateTimeOffset.UtcNow, FeatureDefinition.Version).Save(Path.Combine(directory, $"{modelId}-{version}.card.json"));
    }

    /// <summary>A LightGBM purchase model on the same rows and weights (ONNX only: it has no logistic coefficients).</summary>
    public static (ITransformer Model, MLContext Ml) TrainLightGbm(IReadOnlyList<DecisionRecord> records, int seed)
    {
        var ml = new MLContext(seed);
        var labelled = records.Where(r => r.Purchased is not null).ToList();
        var model = ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(WeightedRow.Weight),
            NumberOfLeaves = 16,
            NumberOfIterations = 150,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 50,
            NumberOfThreads = 1,
            Seed = seed,
        }).Fit(ToDataView(ml, labelled));
        return (model, ml);
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
