namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// The price chosen for one SKU and why; <see cref="Propensity"/> is the probability with which the policy chose this
/// level (below 1 only under exploration), <see cref="Campaign"/> the campaign that priced it and the budget reserved.
/// </summary>
public sealed record PriceDecision(
    string Sku,
    decimal ListPrice,
    decimal Price,
    double Discount,
    double PurchaseProbability,
    double ExpectedProfit,
    IReadOnlyList<string> Reasons,
    double Propensity = 1,
    CampaignReservation? Campaign = null)
{
    /// <summary>The model that priced the line when it was not the active one (a quote on trial of the shadow version).</summary>
    public string? PricedBy { get; init; }

    /// <summary>
    /// On a quote a trial drew (one without campaign lines, while a shadow version is on trial): whether the shadow priced
    /// it (true) or the active version (false). Null on every other quote: the learning run compares the arms' profits
    /// over these quotes alone, so a campaign's quotes, which are never drawn, do not weigh on the active arm.
    /// </summary>
    public bool? ShadowArm { get; init; }

    /// <summary>
    /// On a quote a trial drew: whether the two versions chose different levels for this line and it was quoted at one of
    /// them (true) — the lines whose level the arm decided. False when they chose alike, or when exploration drew a level
    /// neither chose: either arm would have quoted such a line the same way, so what it earned says nothing of the
    /// difference between them and only adds noise to it (<c>LearningRun.TrialArms</c>). Null outside a trial.
    /// </summary>
    public bool? TrialLevelsDiffer { get; init; }

    /// <summary>
    /// On an exploration draw outside campaigns: the expected profit the pricing model gave up, by its own estimate — what
    /// it expected of the level it would have quoted less what it expects of the level drawn (0 when the draw is that
    /// level; below 0 where a rule such as <c>Pricing:DepthTolerance</c> had chosen a level it valued lower). Null on
    /// every other line. The learning run reports it over the decisions it reads (exploration's cost to the shop).
    /// </summary>
    public double? ExplorationCost { get; init; }

    /// <summary>
    /// On an exploration draw outside campaigns: the discount the policy would have quoted had it not explored (the serving
    /// arm's under a trial; the same as <see cref="Discount"/> when the draw is that level). Null on every other line. What
    /// lets a judge who knows the true response value the draw's cost (<c>shop</c> in the benchmarks).
    /// </summary>
    public double? ExploredFrom { get; init; }

    /// <summary>
    /// Outside campaigns, while exploration or a trial is on: every level this line allowed, with the probability the
    /// policy had of quoting it — the served arm's best and the other arm's under a trial, each allowed level's share of
    /// the exploration draws, 0 for a level nothing would have drawn — summing to 1, the quoted level's being
    /// <see cref="Propensity"/>; list price alone on a line the daily cap sent back to it. Null where neither is on, and
    /// on campaign lines (their own draws). The levels a line allowed as they were when it was quoted (the rules and the
    /// daily cap then), which a learning run judges other policies on (<c>HeldOutDecisions</c>), and the variation the
    /// draws put into the discounts apart from the policy's own choices.
    /// </summary>
    public IReadOnlyList<(double Discount, double Probability)>? Policy { get; init; }
}
