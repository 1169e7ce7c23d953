namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// A round's lines and the model that priced them, with the figures a shop reports; <paramref name="CouponCheck"/> what
/// the training run after the round reported of the blanket coupon, beside the truth (none after the last round).
/// </summary>
internal sealed record ShopRound(int Number, string Model, IReadOnlyList<ShopLine> Lines, int Quotes, ShopCouponCheck? CouponCheck = null)
{
    /// <summary>Share of the oracle's expected profit lift over list price that the served prices captured.</summary>
    public double Capture => CaptureOf(Lines, l => l.Served);

    /// <summary>The model's own policy: exploration draws are independent of the line, so the other lines are a fair sample.</summary>
    public double GreedyCapture => CaptureOf(Lines.Where(l => !l.Explored).ToList(), l => l.Served);

    public double BlanketCapture => CaptureOf(Lines, l => l.Blanket);

    /// <summary>What knowing each customer's kind and tastes, but not their own spread around the kind, would capture.</summary>
    public double KindInformedCapture => CaptureOf(Lines, l => l.KindInformed);

    /// <summary>What knowing each customer's tastes and what their history tells of their kind would capture.</summary>
    public double HistoryInformedCapture => CaptureOf(Lines, l => l.HistoryInformed);

    public double CaptureFor(string kind) => CaptureOf(Lines.Where(l => l.Kind == kind).ToList(), l => l.Served);

    /// <summary>The kind's share of the round's possible lift: a kind that discounts cannot help has no capture to speak of.</summary>
    public double LiftShareOf(string kind) => Lines.Where(l => l.Kind == kind).Sum(l => l.Oracle - l.List) / PossibleLift;

    /// <summary>
    /// What the kind's lines add to the round's capture, in points of the round's whole possible lift (the kinds' add up to
    /// <see cref="Capture"/>): for a kind that discounts cannot help, the cost of the discounts it was given.
    /// </summary>
    public double ContributionOf(string kind) => ContributionOf(kind, l => l.Served);

    /// <summary>
    /// What the kind's lines would add, in the same points, priced by the policy that reads the histories
    /// (<see cref="ShopLine.HistoryInformed"/>): beside <see cref="ContributionOf(string)"/>, where the served policy falls
    /// short of what the customers' histories allow, kind by kind.
    /// </summary>
    public double HistoryInformedContributionOf(string kind) => ContributionOf(kind, l => l.HistoryInformed);

    private double ContributionOf(string kind, Func<ShopLine, double> value) => Lines.Where(l => l.Kind == kind).Sum(l => value(l) - l.List) / PossibleLift;

    /// <summary>Whether any discount pays on the round's lines (the oracle beats list price): without, there is no share to capture.</summary>
    public bool HasLift => Lines.Sum(l => l.Oracle - l.List) > 1e-9;

    /// <summary>What the kind's lines earned against list price's expected profit, in currency: the cost of its discounts where none pays.</summary>
    public double AgainstListOf(string kind) => Lines.Where(l => l.Kind == kind).Sum(l => l.Served - l.List);

    /// <summary>The oracle's lift over list price on the whole round (kept above 0 for the shares of it).</summary>
    private double PossibleLift => Math.Max(1e-9, Lines.Sum(l => l.Oracle - l.List));

    public double ExpectedProfit => Lines.Sum(l => l.Served);

    /// <summary>The round's expected profit against list price's, as a share of list price's (−0.02: 2% below it).</summary>
    public double AgainstList => (ExpectedProfit / ListProfit) - 1;

    public double ListProfit => Lines.Sum(l => l.List);

    public double BlanketProfit => Lines.Sum(l => l.Blanket);

    /// <summary>The round's expected profit against the blanket coupon's, as a share of the coupon's.</summary>
    public double AgainstBlanket => (ExpectedProfit / BlanketProfit) - 1;

    /// <summary>The round's expected sales (revenue) at the served prices against list price's, as a share of list price's.</summary>
    public double SalesAgainstList => (Lines.Sum(l => l.ServedSales) / Lines.Sum(l => l.ListSales)) - 1;

    /// <summary>The round's expected sales against the blanket coupon's, as a share of the coupon's.</summary>
    public double SalesAgainstBlanket => (Lines.Sum(l => l.ServedSales) / Lines.Sum(l => l.BlanketSales)) - 1;

    public double OracleProfit => Lines.Sum(l => l.Oracle);

    public double Spend => Lines.Sum(l => l.ServedSpend);

    public double OracleSpend => Lines.Sum(l => l.OracleSpend);

    /// <summary>What the policy reading the histories (<see cref="HistoryInformedCapture"/>'s) would have spent on the same lines.</summary>
    public double HistoryInformedSpend => Lines.Sum(l => l.HistoryInformedSpend);

    /// <summary>Share of quotes on which the customer bought at least one SKU.</summary>
    public double ConversionRate => (double)Lines.GroupBy(l => l.Quote).Count(g => g.Any(l => l.Bought)) / Math.Max(1, Quotes);

    /// <summary>Of the customers who bought this round, the share who bought on two or more quotes.</summary>
    public double RepeatPurchaseRate
    {
        get
        {
            var purchasesByCustomer = Lines.Where(l => l.Bought).GroupBy(l => l.CustomerId).Select(g => g.Count()).ToList();
            return purchasesByCustomer.Count == 0 ? 0 : (double)purchasesByCustomer.Count(n => n >= 2) / purchasesByCustomer.Count;
        }
    }

    public double MeanDiscount => Lines.Average(l => l.Discount);

    /// <summary>
    /// Each arm of a trial (the active version's first; a round without a trial has only it): its lines and, a line on
    /// average, the true expected profit, what was realized and list price's expected profit — what a learning run's
    /// comparison of the arms estimates, beside the truth it estimates.
    /// </summary>
    public IReadOnlyList<(bool ShadowArm, int Lines, double Expected, double Realized, double List)> Arms() =>
        [.. Lines.GroupBy(l => l.ShadowArm).OrderBy(arm => arm.Key)
            .Select(arm => (arm.Key, arm.Count(), arm.Average(l => l.Served), arm.Average(l => l.RealizedProfit), arm.Average(l => l.List)))];

    private static double CaptureOf(IReadOnlyList<ShopLine> lines, Func<ShopLine, double> value)
    {
        var possible = lines.Sum(l => l.Oracle - l.List);
        return possible <= 0 ? 0 : lines.Sum(l => value(l) - l.List) / possible;
    }
}
