using System.Globalization;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// The size of a <see cref="ResponseNetwork"/>: the widths of its hidden ReLU layers, first to last, the width of the
/// channel embedding, and its optional sequence encoder — <see cref="SequenceFilters"/> 1-D convolution filters of
/// <see cref="SequenceKernel"/> events over the customer's newest events (0 filters: none, the feature row alone) — and
/// the discount levels its response may step up at (<see cref="Steps"/>, rising; none: the smooth shapes alone).
/// <see cref="Parameters"/> counts what it trains.
/// </summary>
public sealed record NetworkShape(
    IReadOnlyList<int> Layers, int EmbeddingWidth, int SequenceFilters = 0, int SequenceKernel = 3, IReadOnlyList<double>? Steps = null)
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

        return count + width + 1 + DiscountShapes * (width + 1);
    }

    /// <summary>The discount shapes its sensitivities weigh: the generic ones, then one per step.</summary>
    public int DiscountShapes => ResponseNetwork.GenericShapes + (Steps?.Count ?? 0);

    public override string ToString() => $"{string.Join('×', Layers)} ReLU, channel embedding {EmbeddingWidth}"
        + (SequenceFilters > 0 ? $", sequence encoder {SequenceFilters} filters × {SequenceKernel} events" : "")
        + (Steps is { Count: > 0 } ? $", discount steps at {string.Join(' ', Steps.Select(s => s.ToString("P0", CultureInfo.InvariantCulture)))}" : "");
}
