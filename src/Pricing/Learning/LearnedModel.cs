using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A logistic response model the cluster trained. <see cref="ModelKinds.Logistic"/> reads the feature row as it is;
/// <see cref="ModelKinds.LogisticInteractions"/> adds three generic shapes of the discount d — linear d, concave √d and
/// the step 1[d &gt; 0] of being offered any discount — each alone and times every customer, product and context
/// feature and the squares of the customer's action counters (<see cref="Expand"/>), so both how much and how soon a
/// discount moves a customer can depend on all they did, and not only in a straight line.
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

    /// <summary>The discount shapes of the interaction model, in input order.</summary>
    public const int DiscountShapes = 3;

    public static int WidthOf(string kind) =>
        kind == ModelKinds.LogisticInteractions
            ? FeatureDefinition.Count + SquaredColumns.Count + DiscountShapes * (InteractedColumns + SquaredColumns.Count + 1)
            : FeatureDefinition.Count;

    /// <summary>The discount's shapes: d, √d, 1[d &gt; 0].</summary>
    public static (float Linear, float Concave, float Offered) Shapes(float discount) =>
        (discount, MathF.Sqrt(Math.Max(0, discount)), discount > 0 ? 1f : 0f);

    /// <summary>
    /// The model's input from a feature row: the row, then (with interactions) the squares q of the action counters,
    /// then for each shape s of d: s, s times every column before the discount and s times every square.
    /// </summary>
    public static void Expand(string kind, ReadOnlySpan<float> row, Span<float> input)
    {
        row.CopyTo(input);
        if (kind != ModelKinds.LogisticInteractions)
        {
            return;
        }

        var squares = input.Slice(FeatureDefinition.Count, SquaredColumns.Count);
        for (var k = 0; k < squares.Length; k++)
        {
            squares[k] = row[SquaredColumns[k]] * row[SquaredColumns[k]];
        }

        var (linear, concave, offered) = Shapes(row[DiscountColumn]);
        var at = FeatureDefinition.Count + squares.Length;
        foreach (var shape in (ReadOnlySpan<float>)[linear, concave, offered])
        {
            input[at++] = shape;
            for (var j = 0; j < InteractedColumns; j++)
            {
                input[at++] = shape * row[j];
            }

            foreach (var square in squares)
            {
                input[at++] = shape * square;
            }
        }
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
