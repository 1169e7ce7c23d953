namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// One kind's part of one round of one seed, as <c>shop --kind-results</c> writes it and <c>shop-kinds</c> reads it.
/// <paramref name="LiftShare"/> is the kind's share of the round's possible lift (<see cref="ShopRound.LiftShareOf"/>);
/// <paramref name="Points"/> and <paramref name="HistoryPoints"/> what its lines add to the round's capture as served and
/// as the policy reading the histories would price them (shares of the round's lift, <see cref="ShopRound.ContributionOf(string)"/>);
/// all three 0 in a round where no discount pays, which has no lift to share — there <paramref name="AgainstList"/>, the
/// kind's expected profit against list price's in currency, is the figure to read.
/// Spend and discount are the models' own: over the kind's lines that were not exploration draws, the oracle's and the
/// histories' policy's on those same lines, so that a round with more draws does not read as one that spends less;
/// <paramref name="ExploredSpend"/> is what the draws among its lines spent.
/// </summary>
internal sealed record ShopKindResult(
    string World, int Seed, int Round, string Kind, int Lines, double LiftShare, double Points, double HistoryPoints, double AgainstList,
    double Spend, double OracleSpend, double HistorySpend, double ExploredSpend, double Discount, double OracleDiscount)
{
    /// <summary>Below this share of a round's lift a kind has none to capture: what it is given only costs (the kinds a discount does not move).</summary>
    public const double NoLift = 0.01;

    public static ShopKindResult Of(string world, int seed, ShopRound round, string kind)
    {
        var lines = round.Lines.Where(l => l.Kind == kind).ToList();
        var chosen = lines.Where(l => !l.Explored).ToList();
        var hasLift = round.HasLift;
        return new ShopKindResult(world, seed, round.Number, kind, lines.Count, hasLift ? round.LiftShareOf(kind) : 0, hasLift ? round.ContributionOf(kind) : 0,
            hasLift ? round.HistoryInformedContributionOf(kind) : 0, round.AgainstListOf(kind), chosen.Sum(l => l.ServedSpend), chosen.Sum(l => l.OracleSpend),
            chosen.Sum(l => l.HistoryInformedSpend), lines.Where(l => l.Explored).Sum(l => l.ServedSpend),
            chosen.Count > 0 ? chosen.Average(l => l.Discount) : 0, chosen.Count > 0 ? chosen.Average(l => l.OracleDiscount) : 0);
    }
}

/// <summary>
/// The file of <see cref="ShopKindResult"/> rows (CSV, a header): where each world's lift is lost and its spend goes, kind
/// by kind, over many seeds — the figures <c>shop</c> prints on each round's lines, kept so that a sum over 27 seeds is a
/// command, not a reading of logs (docs/learning.md, seventy-seventh session).
/// </summary>
internal static class ShopKindResults
{
    private static readonly string[] Columns =
    [
        "world", "seed", "round", "kind", "lines", "lift_share", "points", "history_points", "against_list", "spend", "oracle_spend", "history_spend",
        "explored_spend", "discount", "oracle_discount",
    ];

    /// <summary>Every round's kinds, in the order of the world's kinds.</summary>
    public static IEnumerable<ShopKindResult> Of(ShopSweep sweep)
    {
        var kinds = ShopWorldShape.All.Single(w => w.Name == sweep.World).Kinds;
        return sweep.Runs.SelectMany(run => run.Rounds.SelectMany(round => kinds.Select(kind => ShopKindResult.Of(sweep.World, run.Seed, round, kind.Name))));
    }

    public static void Write(string path, IEnumerable<ShopKindResult> results)
    {
        using var writer = ShopCsv.Writer(path);
        foreach (var result in results)
        {
            using var row = writer.NewRow();
            row["world"].Set(result.World);
            row["seed"].Format(result.Seed);
            row["round"].Format(result.Round);
            row["kind"].Set(result.Kind);
            row["lines"].Format(result.Lines);
            row["lift_share"].Format(result.LiftShare);
            row["points"].Format(result.Points);
            row["history_points"].Format(result.HistoryPoints);
            row["against_list"].Format(result.AgainstList);
            row["spend"].Format(result.Spend);
            row["oracle_spend"].Format(result.OracleSpend);
            row["history_spend"].Format(result.HistorySpend);
            row["explored_spend"].Format(result.ExploredSpend);
            row["discount"].Format(result.Discount);
            row["oracle_discount"].Format(result.OracleDiscount);
        }
    }

    /// <summary>The rows of <paramref name="path"/>; FormatException naming the file, line and column of a value it cannot read.</summary>
    public static IReadOnlyList<ShopKindResult> Read(string path) =>
        [.. ShopCsv.Read(path, Columns, "shop --kind-results").Select(row => new ShopKindResult(row.Text("world"), row.Whole("seed"), row.Whole("round"),
            row.Text("kind"), row.Whole("lines"), row.Real("lift_share"), row.Real("points"), row.Real("history_points"), row.Real("against_list"), row.Real("spend"),
            row.Real("oracle_spend"), row.Real("history_spend"), row.Real("explored_spend"), row.Real("discount"), row.Real("oracle_discount")))];
}
