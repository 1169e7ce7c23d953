namespace OrleansPricing.Training.Learning;

/// <summary>Averages the response predictions of several uplift models.</summary>
public sealed class AveragingEnsemble(IReadOnlyList<IUpliftModel> members) : IUpliftModel
{
    public IReadOnlyList<IUpliftModel> Members => members;

    public string Name => $"ensemble (mean of {members.Count}: {string.Join("; ", members.Select(member => member.Name))})";

    public (double[] Treated, double[] Control) Predict(IReadOnlyList<float[]> features)
    {
        var predictions = members.Select(member => member.Predict(features)).ToList();
        var treated = new double[features.Count];
        var control = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            treated[i] = predictions.Average(p => p.Treated[i]);
            control[i] = predictions.Average(p => p.Control[i]);
        }

        return (treated, control);
    }
}
