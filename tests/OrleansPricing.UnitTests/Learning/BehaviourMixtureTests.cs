using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class BehaviourMixtureTests
{
    /// <summary>A planted kind of customer: mean counts, the share of purchases paid below list price and at what depth.</summary>
    private sealed record Planted(double Views, double CartAdds, double Purchases, double DiscountedShare, double Depth);

    private static readonly Planted Deep = new(15, 6, 4, 0.8, 0.22);
    private static readonly Planted Shallow = new(8, 3, 3, 0.4, 0.12);
    private static readonly Planted AtList = new(5, 2, 6, 0, 0);

    /// <summary>A feature row of a customer drawn from <paramref name="kind"/> (only the columns the mixture reads are set).</summary>
    private static float[] Row(Planted kind, Random random)
    {
        var row = new float[FeatureDefinition.Count];
        var purchases = Poisson(kind.Purchases, random);
        var discounted = Enumerable.Range(0, purchases).Count(_ => random.NextDouble() < kind.DiscountedShare);
        // Each discounted purchase within ±40% of the kind's depth, as a shop's history varies.
        var depths = Enumerable.Range(0, discounted).Select(_ => kind.Depth * (0.6 + (0.8 * random.NextDouble()))).ToList();
        var share = purchases > 0 ? (double)discounted / purchases : 0;
        row[FeatureDefinition.IndexOf("frequency")] = (float)Math.Log(1 + purchases);
        row[FeatureDefinition.IndexOf("views")] = (float)Math.Log(1 + Poisson(kind.Views, random));
        row[FeatureDefinition.IndexOf("cart_adds")] = (float)Math.Log(1 + Poisson(kind.CartAdds, random));
        row[FeatureDefinition.DiscountedShareColumn] = (float)share;
        // discount_depth is the mean depth over every purchase: the usual depth times the share.
        row[FeatureDefinition.DiscountDepthColumn] = (float)(discounted > 0 ? share * depths.Average() : 0);
        return row;
    }

    private static int Poisson(double mean, Random random)
    {
        var (limit, count, product) = (Math.Exp(-mean), 0, random.NextDouble());
        for (; product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Customers_of_planted_kinds_fall_into_segments_of_their_own()
    {
        var random = new Random(11);
        Planted[] kinds = [Deep, Shallow, AtList];
        var customers = kinds.SelectMany(kind => Enumerable.Range(0, 300).Select(_ => (Kind: kind, Row: Row(kind, random)))).ToList();

        var mixture = BehaviourMixture.Fit([.. customers.Select(c => c.Row)], segments: 3, starts: 4, seed: 1);

        var gate = mixture.Gate();
        var inputs = new float[BehaviourMixture.GateWidth];
        var posterior = new double[3];
        int SegmentOf(float[] row)
        {
            BehaviourMixture.GateInputs(row, inputs);
            BehaviourMixture.Posterior(gate, inputs, posterior);
            return Array.IndexOf(posterior, posterior.Max());
        }

        var majority = kinds.Select(kind => customers.Where(c => c.Kind == kind).GroupBy(c => SegmentOf(c.Row)).MaxBy(g => g.Count())!).ToList();
        // Each kind mostly in a segment of its own (293, 275 and 291 of 300 with these draws; a shallow customer whose few
        // purchases were all at list price looks like one who always pays list price: the history cannot tell them apart).
        Assert.Equal(3, majority.Select(g => g.Key).Distinct().Count());
        Assert.All(majority.Zip([0.95, 0.9, 0.95]), pair => Assert.True(pair.First.Count() >= pair.Second * 300, $"{pair.First.Count()} of 300 in segment {pair.First.Key}"));
        var deep = mixture.Segments[majority[0].Key];
        Assert.InRange(deep.Depth, 0.21, 0.23);
        Assert.InRange(deep.DiscountedShare, 0.76, 0.86);
        Assert.InRange(mixture.Segments[majority[1].Key].Depth, 0.11, 0.13);
    }

    [Fact]
    public void The_gate_gives_each_segment_the_posterior_of_its_likelihood()
    {
        BehaviourSegment[] segments = [new(0.3, 12, 4, 3, 0.7, 0.2, 0.05), new(0.7, 5, 2, 5, 0.05, 0.1, 0.03)];
        var mixture = new BehaviourMixture(segments);
        var row = Row(Shallow, new Random(2));
        row[FeatureDefinition.DiscountedShareColumn] = 0.5f;
        row[FeatureDefinition.DiscountDepthColumn] = 0.08f;
        var inputs = new float[BehaviourMixture.GateWidth];
        BehaviourMixture.GateInputs(row, inputs);
        var posterior = new double[2];

        BehaviourMixture.Posterior(mixture.Gate(), inputs, posterior);

        // The likelihoods written out: Poisson counts, the purchases split by the discounted share, a normal usual depth
        // weighed by min(1, discounted purchases); terms every segment shares left out.
        var (views, carts, purchases) = (inputs[0], inputs[1], inputs[2]);
        var discounted = purchases * 0.5;
        var usual = 0.08 / 0.5;
        var logs = segments.Select(s => Math.Log(s.Weight) + (views * Math.Log(s.Views)) - s.Views + (carts * Math.Log(s.CartAdds)) - s.CartAdds
            + (purchases * Math.Log(s.Purchases)) - s.Purchases + (discounted * Math.Log(s.DiscountedShare)) + ((purchases - discounted) * Math.Log(1 - s.DiscountedShare))
            + (Math.Min(1, discounted) * ((-(usual - s.Depth) * (usual - s.Depth) / (2 * s.DepthSpread * s.DepthSpread)) - Math.Log(s.DepthSpread)))).ToArray();
        var expected = Math.Exp(logs[0]) / (Math.Exp(logs[0]) + Math.Exp(logs[1]));
        Assert.Equal(expected, posterior[0], 5);
        Assert.Equal(1 - expected, posterior[1], 5);
    }

    [Fact]
    public void Fewer_customers_than_segments_are_refused()
    {
        var rows = Enumerable.Range(0, 2).Select(_ => Row(Deep, new Random(3))).ToList();

        var error = Assert.Throws<ArgumentException>(() => BehaviourMixture.Fit(rows, segments: 3, starts: 1, seed: 1));

        Assert.Contains("3 segments need at least as many customers; got 2", error.Message);
    }
}
