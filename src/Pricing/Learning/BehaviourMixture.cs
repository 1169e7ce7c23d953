using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Segments of customers found from how they shop, not from their answers to quotes: a mixture whose segments each have
/// Poisson views, cart adds and purchases, the purchases split binomially into discounted and at list price, and a normal
/// usual depth for customers with a discounted purchase — fitted by EM to each customer's latest feature row. Why these
/// likelihoods: a Gaussian mixture of the standardized columns followed whatever varied most (recency, spend) and split
/// the customers a discount moves alike; counts weighed as counts, with the share and depth of discounted purchases, find
/// the kinds (docs/learning.md, "Segments from behaviour, with the answers"). The answers do not enter the fit, so a few of
/// them cannot pull it apart as they did a latent-class model's EM. A customer's posterior over the segments is a softmax
/// of terms linear in <see cref="GateInputs"/> (the terms every segment shares cancel), which an ONNX graph computes.
/// </summary>
public sealed record BehaviourMixture(IReadOnlyList<BehaviourSegment> Segments)
{
    /// <summary>What the gate reads from a row: views, cart adds, purchases, discounted and list-price purchases, the depth's weight g, g·r and g·r².</summary>
    public const int GateWidth = 8;

    /// <summary>The fewest a rate may be, so that a segment no one in the log fills keeps a finite likelihood.</summary>
    private const double MinRate = 0.05;

    /// <summary>The narrowest a segment's usual depth may spread (a cent's rounding is a fraction of a point of depth).</summary>
    public const double MinDepthSpread = 0.02;

    private const int MaxIterations = 200;

    /// <summary>
    /// The gate's inputs from a feature row, in single precision as the ONNX graph computes them: V, C, P (decayed counts
    /// from ln(1 + x)), D = P·s and P − D (s the discounted share), g = min(1, D) — one discounted purchase makes the usual
    /// depth r count fully, a fraction of one (decayed) counts for less — g·r and g·r².
    /// </summary>
    public static void GateInputs(ReadOnlySpan<float> row, Span<float> inputs)
    {
        var purchases = MathF.Exp(row[LearnedModel.PurchasesColumn]) - 1;
        var discounted = purchases * row[FeatureDefinition.DiscountedShareColumn];
        var weight = MathF.Min(1, discounted);
        var usual = FeatureDefinition.UsualDepth(row);
        inputs[0] = MathF.Exp(row[ViewsColumn]) - 1;
        inputs[1] = MathF.Exp(row[CartAddsColumn]) - 1;
        inputs[2] = purchases;
        inputs[3] = discounted;
        inputs[4] = purchases - discounted;
        inputs[5] = weight;
        inputs[6] = weight * usual;
        inputs[7] = weight * usual * usual;
    }

    public static int ViewsColumn { get; } = FeatureDefinition.IndexOf("views");

    public static int CartAddsColumn { get; } = FeatureDefinition.IndexOf("cart_adds");

    /// <summary>Each segment's gate: a bias and a coefficient per <see cref="GateInputs"/> value, the log-likelihood less the terms all segments share.</summary>
    public (double Bias, double[] Coefficients)[] Gate() => [.. Segments.Select(segment =>
    {
        var precision = 1 / (segment.DepthSpread * segment.DepthSpread);
        return (Math.Log(segment.Weight) - segment.Views - segment.CartAdds - segment.Purchases,
            new[]
            {
                Math.Log(segment.Views), Math.Log(segment.CartAdds), Math.Log(segment.Purchases),
                Math.Log(segment.DiscountedShare), Math.Log(1 - segment.DiscountedShare),
                (-segment.Depth * segment.Depth * precision / 2) - Math.Log(segment.DepthSpread), segment.Depth * precision, -precision / 2,
            });
    })];

    /// <summary>The posterior over the segments of the customer a feature <paramref name="row"/> describes, written to <paramref name="posterior"/>.</summary>
    public static void Membership((double Bias, double[] Coefficients)[] gate, ReadOnlySpan<float> row, Span<double> posterior)
    {
        Span<float> inputs = stackalloc float[GateWidth];
        GateInputs(row, inputs);
        Posterior(gate, inputs, posterior);
    }

    /// <summary>
    /// The posterior over the segments of a customer whose gate inputs are <paramref name="inputs"/>, written to
    /// <paramref name="posterior"/>; returns the log of the customer's likelihood, up to the terms every segment shares.
    /// </summary>
    public static double Posterior((double Bias, double[] Coefficients)[] gate, ReadOnlySpan<float> inputs, Span<double> posterior)
    {
        var top = double.NegativeInfinity;
        for (var k = 0; k < gate.Length; k++)
        {
            var log = gate[k].Bias;
            for (var j = 0; j < GateWidth; j++)
            {
                log += gate[k].Coefficients[j] * inputs[j];
            }

            posterior[k] = log;
            top = Math.Max(top, log);
        }

        double total = 0;
        for (var k = 0; k < gate.Length; k++)
        {
            posterior[k] = Math.Exp(posterior[k] - top);
            total += posterior[k];
        }

        for (var k = 0; k < gate.Length; k++)
        {
            posterior[k] /= total;
        }

        return top + Math.Log(total);
    }

    /// <summary>
    /// The mixture of <paramref name="segments"/> segments with the highest likelihood over <paramref name="starts"/> EM
    /// runs, each started from a seeded k-means++ draw of the customers (ln counts, discounted share, usual depth).
    /// </summary>
    /// <param name="customers">One feature row per customer (their latest).</param>
    public static BehaviourMixture Fit(IReadOnlyList<float[]> customers, int segments, int starts, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(starts, 1);
        if (customers.Count < segments)
        {
            throw new ArgumentException($"{segments} segments need at least as many customers; got {customers.Count}.", nameof(customers));
        }

        var inputs = customers.Select(row =>
        {
            var values = new float[GateWidth];
            GateInputs(row, values);
            return values;
        }).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, starts).Select(_ => FitOnce(inputs, segments, random)).MaxBy(fit => fit.LogLikelihood).Mixture;
    }

    private static (BehaviourMixture Mixture, double LogLikelihood) FitOnce(float[][] inputs, int segments, Random random)
    {
        var responsibilities = KMeansPlusPlus(inputs, segments, random);
        var mixture = MStep(inputs, responsibilities, segments);
        var likelihood = double.NegativeInfinity;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gate = mixture.Gate();
            double total = 0;
            for (var i = 0; i < inputs.Length; i++)
            {
                total += Posterior(gate, inputs[i], responsibilities[i]);
            }

            mixture = MStep(inputs, responsibilities, segments);
            var converged = total - likelihood < 1e-7 * Math.Abs(total);
            likelihood = total;
            if (converged)
            {
                break;
            }
        }

        return (mixture, likelihood);
    }

    private static BehaviourMixture MStep(float[][] inputs, double[][] responsibilities, int segments) => new([.. Enumerable.Range(0, segments).Select(k =>
    {
        double weight = 0, views = 0, carts = 0, purchases = 0, discounted = 0, depthWeight = 0, depth = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var r = responsibilities[i][k];
            weight += r;
            views += r * inputs[i][0];
            carts += r * inputs[i][1];
            purchases += r * inputs[i][2];
            discounted += r * inputs[i][3];
            depthWeight += r * inputs[i][5];
            depth += r * inputs[i][6];
        }

        var mean = depthWeight > 1e-6 ? depth / depthWeight : 0;
        double spread = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            // g·(r − mean)² from g, g·r and g·r².
            spread += responsibilities[i][k] * (inputs[i][7] - (2 * mean * inputs[i][6]) + (mean * mean * inputs[i][5]));
        }

        var held = Math.Max(weight, 1e-9);
        return new BehaviourSegment(
            Math.Max(weight, 1e-3) / inputs.Length, Math.Max(MinRate, views / held), Math.Max(MinRate, carts / held), Math.Max(MinRate, purchases / held),
            Math.Clamp(purchases > 1e-9 ? discounted / purchases : 0, 0.005, 0.995), mean,
            depthWeight > 1e-6 ? Math.Max(MinDepthSpread, Math.Sqrt(Math.Max(0, spread) / depthWeight)) : 0.1);
    })]);

    /// <summary>Hard first responsibilities: each customer to the nearest of k-means++ centres on ln counts, share and depth.</summary>
    private static double[][] KMeansPlusPlus(float[][] inputs, int segments, Random random)
    {
        double[][] points = [.. inputs.Select(x => new[]
        {
            Math.Log(1 + x[0]), Math.Log(1 + x[1]), Math.Log(1 + x[2]), x[2] > 0 ? x[3] / x[2] : 0, x[5] > 0 ? 5 * x[6] / x[5] : 0,
        })];
        static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
        var centres = new List<double[]> { points[random.Next(points.Length)] };
        while (centres.Count < segments)
        {
            var distances = points.Select(p => centres.Min(c => Distance(p, c))).ToArray();
            var draw = random.NextDouble() * distances.Sum();
            var index = 0;
            while (index < points.Length - 1 && (draw -= distances[index]) > 0)
            {
                index++;
            }

            centres.Add(points[index]);
        }

        return [.. points.Select(p =>
        {
            var nearest = Enumerable.Range(0, segments).MinBy(c => Distance(p, centres[c]));
            return Enumerable.Range(0, segments).Select(c => c == nearest ? 1.0 : 0).ToArray();
        })];
    }
}

/// <summary>One segment of a <see cref="BehaviourMixture"/>: its share of the customers, mean counts, discounted share and usual depth (mean and spread).</summary>
public sealed record BehaviourSegment(double Weight, double Views, double CartAdds, double Purchases, double DiscountedShare, double Depth, double DepthSpread);
