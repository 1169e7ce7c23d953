using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansPricing.Training.Learning;

/// <summary>A trained ML.NET binary classifier over a fixed-width float vector, predicting P(label = true).</summary>
public sealed class ProbabilityModel
{
    private readonly MLContext _ml;

    private ProbabilityModel(MLContext ml, ITransformer transformer, int width, LearnerSpec learner)
    {
        _ml = ml;
        Transformer = transformer;
        Width = width;
        Learner = learner;
    }

    public ITransformer Transformer { get; }

    public int Width { get; }

    public LearnerSpec Learner { get; }

    public static ProbabilityModel Fit(MLContext ml, LearnerSpec learner, IReadOnlyList<float[]> features, IReadOnlyList<bool> labels)
    {
        var width = features[0].Length;
        var data = ToDataView(ml, features, labels, width);
        return new ProbabilityModel(ml, learner.Build(ml).Fit(data), width, learner);
    }

    /// <summary>Writes the trained pipeline as an ML.NET model file, which <see cref="Load"/> reads back.</summary>
    public void Save(string path) => _ml.Model.Save(Transformer, SampleInput([]).Schema, path);

    public static ProbabilityModel Load(MLContext ml, string path, int width, LearnerSpec learner) =>
        new(ml, ml.Model.Load(path, out _), width, learner);

    public double[] Predict(IReadOnlyList<float[]> features)
    {
        var scored = Transformer.Transform(ToDataView(_ml, features, new bool[features.Count], Width));
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
    }

    public IDataView SampleInput(IReadOnlyList<float[]> features) => ToDataView(_ml, features, new bool[features.Count], Width);

    public static IDataView ToDataView(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, int width)
    {
        var schema = SchemaDefinition.Create(typeof(ModelRow));
        schema[nameof(ModelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var rows = Enumerable.Range(0, features.Count).Select(i => new ModelRow { Features = features[i], Label = labels[i] });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>The row shape ML.NET trains on: a feature vector and a boolean label.</summary>
    public sealed class ModelRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
