using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Models;

/// <summary>Row-major model inputs: <see cref="Rows"/> rows of <see cref="FeatureDefinition.Count"/> values.</summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        Rows = rows;
        Values = new float[rows * Columns];
    }

    public int Rows { get; }

    public static int Columns => FeatureDefinition.Count;

    public float[] Values { get; }

    public Span<float> Row(int index) => Values.AsSpan(index * Columns, Columns);

    public ReadOnlySpan<float> ReadRow(int index) => Values.AsSpan(index * Columns, Columns);
}
