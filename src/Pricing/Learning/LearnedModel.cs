using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A logistic response model the cluster trained. <see cref="ModelKinds.Logistic"/> reads the feature row as it is;
/// <see cref="ModelKinds.LogisticInteractions"/> adds three generic shapes of the discount d — linear d, a diminishing
/// ln(1 + d/0.05) scaled to [0, 1] and the step 1[d &gt; 0] of being offered any discount — each alone and times every
/// customer, product and context feature and the squares of the customer's action counters (<see cref="Expand"/>), so
/// both how much and how soon a discount moves a customer can depend on all they did, and not only in a straight line;
/// the customer's purchases split into the two counts a kind's evidence lies in (<see cref="EvidenceColumns"/>), and
/// whether the quoted level reaches the depth the customer usually paid (<see cref="ReferenceColumns"/>).
/// </summary>
public sealed record LearnedModel(string Kind, double Intercept, IReadOnlyList<double> Weights) : ICandidateModel
{
    /// <summary>Feature-row columns the discount multiplies: everything before the discount column.</summary>
    public static int InteractedColumns => FeatureDefinition.DiscountColumn;

    public static int DiscountColumn => FeatureDefinition.DiscountColumn;

    /// <summary>
    /// The customer's action counters (purchases, views, cart adds; ln(1 + decayed count)) whose squares the interaction
    /// model adds. Why: a straight line in each counter cannot make the discount's effect bend, say rise steeply only
    /// among the most active browsers; judged by the shop simulation's true response, the squares raised what the
    /// learned policy captures on 13 of 15 training sets (thirds of five logs), by 4.6 points on average
    /// (docs/learning.md). Spend was tried with them and left out: its square (of ln currency units) made models of few
    /// decisions worse.
    /// </summary>
    public static IReadOnlyList<int> SquaredColumns { get; } =
        [FeatureDefinition.IndexOf("frequency"), FeatureDefinition.IndexOf("views"), FeatureDefinition.IndexOf("cart_adds")];

    /// <summary>
    /// ln(1 + discounted purchases) and ln(1 + purchases at list price), both decayed, from the row's purchase counter
    /// (ln(1 + P)) and discounted share s: P·s and P·(1 − s). Why: how likely a customer is of a kind that answers
    /// discounts grows with each count apart — three purchases at list price say far more than none, though both have a
    /// share of 0 — and a model linear in the share alone carried the discount-answering customers' response over to
    /// every customer without discounted purchases. Judged by the shop simulation's true response (interaction models
    /// trained on the oldest third, two thirds and all of rounds 1–3, greedy on round 4): the steep world +0.1 to +8.0
    /// points on all nine training sets of seeds 7, 11 and 23, the others −0.4 to +2.3 (docs/learning.md).
    /// </summary>
    public const int EvidenceColumns = 2;

    /// <summary>Columns derived from the row before the discount multiplies them: the squared counters, then the evidence counts.</summary>
    public static int DerivedColumns => SquaredColumns.Count + EvidenceColumns;

    /// <summary>The row's purchase counter, ln(1 + decayed purchases).</summary>
    public static int PurchasesColumn { get; } = FeatureDefinition.IndexOf("frequency");

    /// <summary>The discount shapes of the interaction model, in input order.</summary>
    public const int DiscountShapes = 3;

    public static int WidthOf(string kind) =>
        kind == ModelKinds.LogisticInteractions
            ? FeatureDefinition.Count + DerivedColumns + DiscountShapes * (InteractedColumns + DerivedColumns + 1) + ReferenceColumns
            : FeatureDefinition.Count;

    /// <summary>
    /// Two terms of the quoted level d against the depth the customer usually paid when they paid below list price,
    /// r = discount_depth / discounted_purchase_share (clamped to [0, <see cref="FeatureDefinition.MaxUsualDepth"/>]), each times the
    /// evidence of discounted purchases ln(1 + P·s) (<see cref="Evidence"/>, 0 without one): reaching it, 1[d ≥ r −
    /// <see cref="FeatureDefinition.UsualDepthMargin"/>], and the shortfall of an offered discount, 1[d &gt; 0]·max(0, r − d)
    /// (<see cref="Reference"/>). Why: a customer used to a depth may answer a shallower discount less than the smooth
    /// shapes say (a reference price), and these terms share what the log shows of that between customers of every
    /// depth — the products of d with the depth column are linear and cannot put a step where each customer's own depth
    /// is; weighed by the evidence, a single discounted purchase says less of a habit than several. Through the shop
    /// simulation's loop over eighteen seeds a world: the steep world +4.4 points in round 4, the first and second −0.2
    /// and −0.6; unweighted, the second lost 2.0 (docs/learning.md).
    /// </summary>
    public const int ReferenceColumns = 2;

    /// <summary>The two reference terms of <see cref="ReferenceColumns"/> from a row (in single precision, as the ONNX graph computes them).</summary>
    public static (float Reaches, float Shortfall) Reference(ReadOnlySpan<float> row) => Reference(row, Evidence(row).Discounted);

    /// <summary>
    /// The reference terms given the row's discounted evidence ln(1 + P·s), which <see cref="Expand"/> has already. The
    /// evidence is 0 without a discounted purchase (s = 0), so no term needs a test of its own for that.
    /// </summary>
    private static (float Reaches, float Shortfall) Reference(ReadOnlySpan<float> row, float discountedEvidence)
    {
        var usual = FeatureDefinition.UsualDepth(row);
        var discount = row[DiscountColumn];
        return ((discount >= usual - FeatureDefinition.UsualDepthMargin ? 1f : 0f) * discountedEvidence, (discount > 0 ? MathF.Max(0, usual - discount) : 0f) * discountedEvidence);
    }

    /// <summary>The two evidence counts of <see cref="EvidenceColumns"/> from a row (in single precision, as the ONNX graph computes them).</summary>
    public static (float Discounted, float AtList) Evidence(ReadOnlySpan<float> row)
    {
        var purchases = MathF.Exp(row[PurchasesColumn]) - 1;
        var discounted = purchases * row[FeatureDefinition.DiscountedShareColumn];
        return (MathF.Log(1 + discounted), MathF.Log(1 + (purchases - discounted)));
    }

    /// <summary>
    /// ln(1 + 1/<see cref="ResponseNetwork.DiminishingScale"/>): divides the diminishing shape so that it runs from 0 at no
    /// discount to 1 at a full one, the range of the other two, and the L2 penalty weighs its coefficients alike.
    /// </summary>
    public static readonly float DiminishingAtFull = (float)ResponseNetwork.Diminishing(1);

    /// <summary>
    /// The discount's shapes: d, ln(1 + d/<see cref="ResponseNetwork.DiminishingScale"/>) / <see cref="DiminishingAtFull"/>,
    /// 1[d &gt; 0]. Why the diminishing shape rather than √d (the concave shape before it): it flattens at deep
    /// discounts as responses do; judged by the shop simulation's true response (models trained on the oldest third, two
    /// thirds and all of five logs) it captured more on 11 of 15 training sets, on all five of the largest
    /// (docs/learning.md). Unscaled, its coefficients escaped the penalty and models of few decisions failed.
    /// </summary>
    public static (float Linear, float Diminishing, float Offered) Shapes(float discount) =>
        (discount, (float)(ResponseNetwork.Diminishing(discount) / DiminishingAtFull), discount > 0 ? 1f : 0f);

    /// <summary>
    /// The model's input from a feature row: the row, then (with interactions) the derived columns q — the squares of the
    /// action counters and the evidence counts — then for each shape s of d: s, s times every column before the discount
    /// and s times every derived column; last the two reference terms.
    /// </summary>
    public static void Expand(string kind, ReadOnlySpan<float> row, Span<float> input)
    {
        row.CopyTo(input);
        if (kind != ModelKinds.LogisticInteractions)
        {
            return;
        }

        var derived = input.Slice(FeatureDefinition.Count, DerivedColumns);
        for (var k = 0; k < SquaredColumns.Count; k++)
        {
            derived[k] = row[SquaredColumns[k]] * row[SquaredColumns[k]];
        }

        (derived[SquaredColumns.Count], derived[SquaredColumns.Count + 1]) = Evidence(row);
        var (linear, diminishing, offered) = Shapes(row[DiscountColumn]);
        var at = FeatureDefinition.Count + derived.Length;
        foreach (var shape in (ReadOnlySpan<float>)[linear, diminishing, offered])
        {
            input[at++] = shape;
            for (var j = 0; j < InteractedColumns; j++)
            {
                input[at++] = shape * row[j];
            }

            foreach (var column in derived)
            {
                input[at++] = shape * column;
            }
        }

        (input[at], input[at + 1]) = Reference(row, derived[SquaredColumns.Count]);
    }

    public float[] Predict(float[] rows, int count)
    {
        var width = WidthOf(Kind);
        var input = new float[width];
        var probabilities = new float[count];
        for (var r = 0; r < count; r++)
        {
            Expand(Kind, rows.AsSpan(r * FeatureDefinition.Count, FeatureDefinition.Count), input);
            var z = Intercept;
            for (var j = 0; j < width; j++)
            {
                z += Weights[j] * input[j];
            }

            probabilities[r] = (float)(1 / (1 + Math.Exp(-z)));
        }

        return probabilities;
    }
}
