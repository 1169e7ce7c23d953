using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A response model with a discount curve of its own for each segment of customers found from how they shop
/// (<see cref="BehaviourMixture"/>): logit = b + w·x + Σₖ πₖ(x)·(aₖ + Σₗ cₖₗ·hₗ(d)), with x the feature row, πₖ the customer's
/// posterior over the segments, and hₗ the hat function of discount level l (1 at the level, falling to 0 at its neighbours,
/// so a curve is read between levels in straight lines). Each segment's curve takes a random-walk prior over its levels
/// (<see cref="WalkPrecision"/>) and a penalty on its bends (<see cref="WalkCurvature"/>) rather than the per-decision
/// ridge, which shrinks the deep levels few answered to nothing. Why: the response the shop simulations draw is a kind's
/// curve times everything else, and a model of that form told each customer's kind, or only what their history tells of it, learns far more than the interaction model's
/// products of the row with smooth shapes of the discount; segments read from behaviour take the posterior's place
/// (docs/learning.md, "Segments from behaviour, with the answers").
/// </summary>
public sealed record SegmentResponseModel(BehaviourMixture Mixture, IReadOnlyList<double> Levels, double Intercept, IReadOnlyList<double> Weights) : ICandidateModel
{
    /// <summary>
    /// Segments the mixture finds. Judged by the shop simulation's truth (models trained on the oldest third, two thirds
    /// and all of rounds 1–3), six were steadier than four on the second world and about as good elsewhere (docs/learning.md).
    /// </summary>
    public const int SegmentCount = 6;

    /// <summary>EM starts of the mixture; the one of the highest likelihood is kept.</summary>
    public const int MixtureStarts = 8;

    /// <summary>
    /// The precision of each segment's random walk over its levels: precision·[c₁² + Σ (cₗ − cₗ₋₁)²]/2. Measured with the
    /// kinds told on the steep world's oldest thirds (2026-11-30): 1 let the curves follow the noise, 100 flattened them;
    /// 10 learned 80% of the lift on both seeds tried (docs/learning.md, "Told each customer's kind").
    /// </summary>
    public const double WalkPrecision = 10;

    /// <summary>
    /// The penalty on each curve's bends (<see cref="WeightedLogisticRegression.Fit"/>'s walkCurvature): where few
    /// answered, a curve carries on its slope rather than its value, and a step the answers' noise puts at one level is
    /// evened out with its neighbours. Measured through the shop simulation's loop (docs/learning.md, "A penalty on the
    /// curves' bends").
    /// </summary>
    public const double WalkCurvature = 10;

    /// <summary>
    /// The most customers the mixture is fitted to; a log of more gives a seeded sample of them. Why: thirteen parameters a
    /// segment are pinned down by far fewer, and EM's passes over every customer of a 100,000-decision log cost a run
    /// more than the rest of the segment model (the learning benchmark, README).
    /// </summary>
    public const int MaxMixtureCustomers = 10_000;

    /// <summary>How far past the deepest level its hat function reaches before falling: beyond it the curve stays at the deepest level's value.</summary>
    public const float BeyondDeepest = 1e6f;

    public string Kind => ModelKinds.Segments;

    /// <summary>The model's input width: the feature row, then for each segment its membership and one column a level.</summary>
    public int Width => WidthOf(Mixture.Segments.Count, Levels.Count);

    public static int WidthOf(int segments, int levels) => FeatureDefinition.Count + (segments * (1 + levels));

    /// <summary>The hat functions of <paramref name="discount"/> over <paramref name="levels"/> (ascending, above 0), in single precision as the ONNX graph computes them.</summary>
    public static void Hats(float discount, IReadOnlyList<double> levels, Span<float> hats)
    {
        for (var l = 0; l < levels.Count; l++)
        {
            var (low, at) = (l == 0 ? 0f : (float)levels[l - 1], (float)levels[l]);
            var high = l == levels.Count - 1 ? at + BeyondDeepest : (float)levels[l + 1];
            hats[l] = Math.Clamp(MathF.Min((discount - low) / (at - low), (high - discount) / (high - at)), 0f, 1f);
        }
    }

    /// <summary>The model's input from a feature row: the row, then each segment's membership πₖ and πₖ·hₗ(d) for each level.</summary>
    public static void Expand(
        ReadOnlySpan<float> row, (double Bias, double[] Coefficients)[] gate, IReadOnlyList<double> levels, Span<float> input)
    {
        row.CopyTo(input);
        Span<double> posterior = stackalloc double[gate.Length];
        Span<float> hats = stackalloc float[levels.Count];
        BehaviourMixture.Membership(gate, row, posterior);
        Hats(row[FeatureDefinition.DiscountColumn], levels, hats);
        var at = FeatureDefinition.Count;
        for (var k = 0; k < gate.Length; k++)
        {
            var membership = (float)posterior[k];
            input[at++] = membership;
            for (var l = 0; l < hats.Length; l++)
            {
                input[at++] = membership * hats[l];
            }
        }
    }

    public float[] Predict(float[] rows, int count)
    {
        var gate = Mixture.Gate();
        var input = new float[Width];
        var probabilities = new float[count];
        for (var r = 0; r < count; r++)
        {
            Expand(rows.AsSpan(r * FeatureDefinition.Count, FeatureDefinition.Count), gate, Levels, input);
            var z = Intercept;
            for (var j = 0; j < input.Length; j++)
            {
                z += Weights[j] * input[j];
            }

            probabilities[r] = (float)Activations.Sigmoid(z);
        }

        return probabilities;
    }

    /// <summary>
    /// The mixture fitted to each customer's latest row in <paramref name="training"/> (oldest first; at most
    /// <see cref="MaxMixtureCustomers"/> of them), then the response on
    /// every decision, weighted as the other kinds are (1/propensity clipped at <see cref="LearningOptions.MaxTrainingWeight"/>),
    /// with the per-decision penalty on the row and the memberships and the walk on each segment's levels. The levels are
    /// the discounts the log quoted (<see cref="LevelsOf"/>).
    /// </summary>
    /// <param name="cancellationToken">Checked before each Newton step of the response (the mixture takes well under a second).</param>
    public static SegmentResponseModel Train(IReadOnlyList<DecisionRecord> training, LearningOptions options, int seed = 1, CancellationToken cancellationToken = default)
    {
        var latest = LatestRows(training).Select(customer => customer.Row).ToList();
        if (latest.Count > MaxMixtureCustomers)
        {
            var sample = new Random(seed);
            latest = [.. latest.OrderBy(_ => sample.Next()).Take(MaxMixtureCustomers)];
        }

        var mixture = BehaviourMixture.Fit(latest, Math.Min(SegmentCount, latest.Count), MixtureStarts, seed);
        var levels = LevelsOf(training);
        var gate = mixture.Gate();
        var width = WidthOf(mixture.Segments.Count, levels.Count);
        var rows = new float[training.Count * width];
        var features = new float[FeatureDefinition.Count];
        for (var i = 0; i < training.Count; i++)
        {
            training[i].WriteFeatures(features);
            Expand(features, gate, levels, rows.AsSpan(i * width, width));
        }

        int[][] walks = [.. Enumerable.Range(0, mixture.Segments.Count)
            .Select(k => Enumerable.Range(0, levels.Count).Select(l => FeatureDefinition.Count + (k * (1 + levels.Count)) + 1 + l).ToArray())];
        var (intercept, weights) = WeightedLogisticRegression.Fit(
            rows, width, [.. training.Select(r => r.Purchased == true)], [.. training.Select(r => Math.Min(1 / r.Propensity, options.MaxTrainingWeight))],
            options.PenaltyFor(training.Count), walks: walks, walkPrecision: WalkPrecision, walkCurvature: WalkCurvature, cancellationToken: cancellationToken);
        return new SegmentResponseModel(mixture, levels, intercept, weights);
    }

    /// <summary>Each customer's latest feature row in <paramref name="decisions"/> (oldest first): what the mixture is fitted to.</summary>
    public static IEnumerable<(string CustomerId, float[] Row)> LatestRows(IEnumerable<DecisionRecord> decisions) =>
        decisions.GroupBy(r => r.CustomerId, StringComparer.Ordinal).Select(customer =>
        {
            var row = new float[FeatureDefinition.Count];
            customer.Last().WriteFeatures(row);
            return (customer.Key, row);
        });

    /// <summary>The discount levels of a log: the smallest discount quoted, then the network's steps (<see cref="LearningRun.StepsOf"/>); none for a log of list prices alone.</summary>
    public static IReadOnlyList<double> LevelsOf(IReadOnlyList<DecisionRecord> decisions) =>
        decisions.Any(r => r.Discount > 0) ? [decisions.Where(r => r.Discount > 0).Min(r => r.Discount), .. LearningRun.StepsOf(decisions)] : [];
}
