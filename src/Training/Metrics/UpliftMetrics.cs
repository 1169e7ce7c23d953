namespace OrleansPricing.Training.Metrics;

/// <summary>
/// How well predicted uplift ranks customers by the true effect of the offer, measured on randomized data.
/// Customers are sorted by predicted uplift, highest first (ties keep input order). For the top k customers:
/// <list type="bullet">
/// <item>Qini curve Q(k) = Y_T(k) − Y_C(k) · N_T(k) / N_C(k): incremental successes if the top k are treated.</item>
/// <item>Uplift curve U(k) = (Y_T(k)/N_T(k) − Y_C(k)/N_C(k)) · k (0 while either arm is empty).</item>
/// <item>Qini coefficient = Σₖ (Q(k) − k/N · Q(N)) / N²: area between the Qini curve and random targeting, per customer².</item>
/// <item>AUUC = Σₖ (U(k) − k/N · U(N)) / N²: the same for the uplift curve. Both are 0 for random ranking.</item>
/// <item>uplift@p = success rate of treated minus control within the top ⌈p·N⌉.</item>
/// <item>normalized Qini = Qini coefficient ÷ that of the perfect ranking on the same rows (treated successes first,
/// control successes last): 1 for a perfect ranking, 0 for a random one, comparable across data sets.</item>
/// </list>
/// Y is a success count (or any outcome value, e.g. revenue); N_T and N_C count treated and control customers.
/// </summary>
public sealed record UpliftMetrics(
    double QiniCoefficient,
    double Auuc,
    double UpliftAt10,
    double UpliftAt30,
    IReadOnlyList<double> QiniCurve,
    IReadOnlyList<double> UpliftCurve,
    double NormalizedQini)
{
    public static UpliftMetrics Compute(IReadOnlyList<double> predictedUplift, IReadOnlyList<bool> treated, IReadOnlyList<double> outcome)
    {
        var n = predictedUplift.Count;
        if (n == 0 || treated.Count != n || outcome.Count != n)
        {
            throw new ArgumentException("Need one treatment flag and outcome per prediction, and at least one row.");
        }

        var order = Ranking(predictedUplift);
        var (qini, uplift) = Curves(order, treated, outcome);

        // The perfect ranking: treated outcomes highest first, control outcomes last (the most negative score).
        var perfect = Area(Curves(Ranking([.. Enumerable.Range(0, n).Select(i => treated[i] ? outcome[i] : -outcome[i])]), treated, outcome).Qini);
        return new UpliftMetrics(
            Area(qini), Area(uplift),
            UpliftAt(order, treated, outcome, 0.10), UpliftAt(order, treated, outcome, 0.30), qini, uplift,
            perfect > 0 ? Area(qini) / perfect : double.NaN);
    }

    /// <summary>The Qini and uplift curves of a ranking, Q(0) = U(0) = 0.</summary>
    private static (double[] Qini, double[] Uplift) Curves(IReadOnlyList<int> order, IReadOnlyList<bool> treated, IReadOnlyList<double> outcome)
    {
        var n = order.Count;
        var qini = new double[n + 1];
        var uplift = new double[n + 1];
        double nt = 0, nc = 0, yt = 0, yc = 0;
        for (var k = 1; k <= n; k++)
        {
            var i = order[k - 1];
            if (treated[i])
            {
                nt++;
                yt += outcome[i];
            }
            else
            {
                nc++;
                yc += outcome[i];
            }

            qini[k] = nc == 0 ? yt : yt - yc * nt / nc;
            uplift[k] = nt == 0 || nc == 0 ? 0 : (yt / nt - yc / nc) * k;
        }

        return (qini, uplift);
    }

    /// <summary>Σₖ (C(k) − k/N · C(N)) / N²: the area between a curve and random targeting's straight line.</summary>
    private static double Area(double[] curve)
    {
        var n = curve.Length - 1;
        double area = 0;
        for (var k = 1; k <= n; k++)
        {
            area += curve[k] - (double)k / n * curve[n];
        }

        return area / ((double)n * n);
    }

    public static int[] Ranking(IReadOnlyList<double> scores) =>
        Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();

    public static double UpliftAt(IReadOnlyList<int> order, IReadOnlyList<bool> treated, IReadOnlyList<double> outcome, double fraction)
    {
        var top = order.Take((int)Math.Ceiling(fraction * order.Count)).ToList();
        var treatedTop = top.Where(i => treated[i]).ToList();
        var controlTop = top.Where(i => !treated[i]).ToList();
        if (treatedTop.Count == 0 || controlTop.Count == 0)
        {
            return double.NaN;
        }

        return treatedTop.Average(i => outcome[i]) - controlTop.Average(i => outcome[i]);
    }
}
