using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A logistic response model the cluster trained. <see cref="ModelKinds.Logistic"/> reads the feature row as it is;
/// <see cref="ModelKinds.LogisticInteractions"/> adds three generic shapes of the discount d — linear d, concave √d and
/// the step 1[d &gt; 0] of being offered any discount — each alone and times every customer, product and context
/// feature (<see cref="Expand"/>), so both how much and how soon a discount moves a customer can depend on all they did.
/// </summary>
public sealed record LearnedModel(string Kind, double Intercept, IReadOnlyList<double> Weights) : ICandidateModel
{
    /// <summary>Feature-row columns the discount multiplies: everything before the discount column.</summary>
    public static int InteractedColumns => FeatureDefinition.DiscountColumn;

    public static int DiscountColumn => FeatureDefinition.DiscountColumn;

    /// <summary>The discount shapes of the interaction model, in input order.</summary>
    public const int DiscountShapes = 3;

    public static int WidthOf(string kind) =>
        kind == ModelKinds.LogisticInteractions ? FeatureDefinition.Count + DiscountShapes * (InteractedColumns + 1) : FeatureDefinition.Count;

    /// <summary>The discount's shapes: d, √d, 1[d &gt; 0].</summary>
    public static (float Linear, float Concave, float Offered) Shapes(float discount) =>
        (discount, MathF.Sqrt(Math.Max(0, discount)), discount > 0 ? 1f : 0f);

    /// <summary>
    /// The model's input from a feature row: the row, then (with interactions) for each shape s of d: s and s times
    /// every column before the discount.
    /// </summary>
    public static void Expand(string kind, ReadOnlySpan<float> row, Span<float> input)
    {
        row.CopyTo(input);
        if (kind != ModelKinds.LogisticInteractions)
        {
            return;
        }

        var (linear, concave, offered) = Shapes(row[DiscountColumn]);
        var at = FeatureDefinition.Count;
        foreach (var shape in (ReadOnlySpan<float>)[linear, concave, offered])
        {
            input[at++] = shape;
            for (var j = 0; j < InteractedColumns; j++)
            {
                input[at++] = shape * row[j];
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
