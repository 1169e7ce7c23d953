namespace OrleansPricing.Pricing.Features;

/// <summary>
/// The sequence the response network's optional encoder reads: the customer's newest
/// <see cref="CustomerFeatures.RecentEventWindow"/> events as <see cref="Channels"/> values each, channel-major
/// [channel, position] (the layout of a 1-D convolution's input), position 0 the newest; positions without an event are 0.
/// Training and serving both call <see cref="Write"/>; a change means a new <see cref="Version"/>.
/// </summary>
public static class EventSequence
{
    public const string Version = "pricing-events/v1";

    public const int Length = CustomerFeatures.RecentEventWindow;

    /// <summary>view, cart, purchase (one-hot); same category as the quoted product; ln(1 + amount / average order);
    /// discount depth paid; ln(1 + days before the decision) / ln 366; ln(1 + days since the event before it) / ln 366.</summary>
    public const int Channels = 8;

    public const int Width = Channels * Length;

    private static readonly double LogYear = Math.Log(366);

    public static void Write(Span<float> block, CustomerFeatureSnapshot customer, ProductFacts product)
    {
        if (block.Length != Width)
        {
            throw new ArgumentException($"An event sequence has {Width} values, got a span of {block.Length}.", nameof(block));
        }

        block.Clear();
        var events = customer.Events;
        var averageOrder = (double)customer.AverageOrderValue;
        for (var t = 0; t < Math.Min(Length, events.Count); t++)
        {
            var e = events[t];
            block[(int)e.Type * Length + t] = 1;
            block[3 * Length + t] = string.Equals(e.Category, product.Category, StringComparison.Ordinal) ? 1 : 0;
            block[4 * Length + t] = averageOrder > 0 && e.Amount > 0 ? (float)Math.Log(1 + (double)e.Amount / averageOrder) : 0;
            block[5 * Length + t] = (float)e.DiscountDepth;
            block[6 * Length + t] = (float)(Math.Log(1 + Math.Max(0, (customer.AsOf - e.At).TotalDays)) / LogYear);
            block[7 * Length + t] = t + 1 < events.Count ? (float)(Math.Log(1 + Math.Max(0, (e.At - events[t + 1].At).TotalDays)) / LogYear) : 0;
        }
    }
}
