namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// The size of a <see cref="ResponseNetwork"/>: the widths of its hidden ReLU layers, first to last, the width of the
/// channel embedding, and its optional sequence encoder — <see cref="SequenceFilters"/> 1-D convolution filters of
/// <see cref="SequenceKernel"/> events over the customer's newest events (0 filters: none, the feature row alone).
/// <see cref="Parameters"/> counts what it trains.
/// </summary>
public sealed record NetworkShape(IReadOnlyList<int> Layers, int EmbeddingWidth, int SequenceFilters = 0, int SequenceKernel = 3)
{
    /// <summary>What the learning loop trains by default: small enough for a run on 100,000 decisions in its time budget.</summary>
    public static NetworkShape Default { get; } = new([128, 64], 4);

    public int Parameters(int inputs)
    {
        var count = ResponseNetwork.Channels * EmbeddingWidth
            + (SequenceFilters > 0 ? SequenceFilters * (Features.EventSequence.Channels * SequenceKernel + 1) : 0);
        var width = inputs + EmbeddingWidth + SequenceFilters;
        foreach (var layer in Layers)
        {
            count += width * layer + layer;
            width = layer;
        }

        return count + width + 1 + ResponseNetwork.Shapes * (width + 1);
    }

    public override string ToString() => $"{string.Join('×', Layers)} ReLU, channel embedding {EmbeddingWidth}"
        + (SequenceFilters > 0 ? $", sequence encoder {SequenceFilters} filters × {SequenceKernel} events" : "");
}
