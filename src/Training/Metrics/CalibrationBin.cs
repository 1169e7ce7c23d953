namespace OrleansPricing.Training.Metrics;

/// <summary>Predictions in [Lower, Upper): how many, their mean, and how often the outcome happened.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate)
{
    public static IReadOnlyList<CalibrationBin> Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins)
    {
        var result = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            double lower = (double)b / bins, upper = (double)(b + 1) / bins;
            var members = Enumerable.Range(0, probabilities.Count)
                .Where(i => probabilities[i] >= lower && (probabilities[i] < upper || (b == bins - 1 && probabilities[i] <= 1)))
                .ToList();
            if (members.Count > 0)
            {
                result.Add(new CalibrationBin(lower, upper, members.Count,
                    members.Average(i => probabilities[i]), members.Average(i => labels[i] ? 1.0 : 0.0)));
            }
        }

        return result;
    }
}
