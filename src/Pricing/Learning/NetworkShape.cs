namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// The size of a <see cref="ResponseNetwork"/>: the widths of its hidden ReLU layers, first to last, and the width of the
/// channel embedding. <see cref="Parameters"/> counts what it trains.
/// </summary>
public sealed record NetworkShape(IReadOnlyList<int> Layers, int EmbeddingWidth)
{
    /// <summary>What the learning loop trains by default: small enough for a run on 100,000 decisions in its time budget.</summary>
    public static NetworkShape Default { get; } = new([128, 64], 4);

    public int Parameters(int inputs)
    {
        var count = ResponseNetwork.Channels * EmbeddingWidth;
        var width = inputs + EmbeddingWidth;
        foreach (var layer in Layers)
        {
            count += width * layer + layer;
            width = layer;
        }

        return count + width + 1 + ResponseNetwork.Shapes * (width + 1);
    }

    public override string ToString() => $"{string.Join('×', Layers)} ReLU, channel embedding {EmbeddingWidth}";
}
