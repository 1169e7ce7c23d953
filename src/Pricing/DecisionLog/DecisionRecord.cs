using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>
/// One pricing decision as the cluster logs it: the inputs the feature definition reads, the discount chosen, the
/// probability with which that discount was chosen (1 for a greedy choice, less under exploration), and — once known —
/// whether the customer bought. Schema: docs/decision-log.md.
/// </summary>
public sealed record DecisionRecord(
    string DecisionId,
    DateTimeOffset Timestamp,
    string CustomerId,
    QuoteContext Context,
    ProductFacts Product,
    CustomerFeatureSnapshot Customer,
    double Discount,
    double Propensity,
    string Model,
    bool? Purchased)
{
    /// <summary>On a quote a shadow version's trial drew: whether the shadow priced it (true) or the active version; null otherwise or unknown (a log written before 2026-12-02).</summary>
    public bool? ShadowArm { get; init; }

    /// <summary>On such a quote: whether the two versions chose different levels for the line and it was quoted at one of them (<c>PriceDecision.TrialLevelsDiffer</c>); null otherwise or unknown (a log written before the column, 2026-12-02: every line counts).</summary>
    public bool? TrialLevelsDiffer { get; init; }

    /// <summary>On an exploration draw outside campaigns: the expected profit the pricing model gave up by its own estimate (<c>PriceDecision.ExplorationCost</c>); null on every other line and in a log written before the column (2026-12-04).</summary>
    public double? ExplorationCost { get; init; }

    /// <summary>On such a draw: the discount the policy would have quoted had it not explored (<c>PriceDecision.ExploredFrom</c>); null on every other line and in a log written before the column (2026-12-04).</summary>
    public double? ExploredFrom { get; init; }

    /// <summary>
    /// Every level the line allowed with the policy's probability of quoting it (<c>PriceDecision.Policy</c>), the logged
    /// discount's being <see cref="Propensity"/>; null where neither exploration nor a trial was on, on campaign lines
    /// and in a log written before the column (2026-12-05).
    /// </summary>
    public IReadOnlyList<(double Discount, double Probability)>? Policy { get; init; }

    /// <summary>The model input row, through the one shared feature definition.</summary>
    public void WriteFeatures(Span<float> row) => FeatureDefinition.Write(row, Customer, Product, Context, Discount);

    /// <summary>The row the same customer, product and context would have had at another discount (for judging other policies).</summary>
    public void WriteFeatures(Span<float> row, double discount) => FeatureDefinition.Write(row, Customer, Product, Context, discount);

    /// <summary>The customer's newest events as the sequence encoder reads them (<see cref="EventSequence"/>).</summary>
    public void WriteSequence(Span<float> block) => EventSequence.Write(block, Customer, Product);
}
