using System.Globalization;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// The shop simulation's rounds for several seeds of one world, and the figures the learning issue judges the loop by:
/// the last round's share of the oracle's lift on every seed (its bar: 80% or more), spend against the oracle's, and no
/// round after the first below list price's expected profit — or, in a world where no discount pays, each round's
/// expected profit against list price's and the rounds worse than the first.
/// </summary>
internal sealed record ShopSweep(string World, IReadOnlyList<(int Seed, IReadOnlyList<ShopRound> Rounds)> Runs)
{
    /// <summary>The learning issue's bar for the last round's capture.</summary>
    public const double Bar = 0.80;

    private IEnumerable<ShopRound> LastRounds => Runs.Select(run => run.Rounds[^1]);

    public double MinCapture => LastRounds.Min(r => r.Capture);

    public double MaxCapture => LastRounds.Max(r => r.Capture);

    public double MeanCapture => LastRounds.Average(r => r.Capture);

    public int SeedsAtBar => LastRounds.Count(r => r.Capture >= Bar);

    public int SeedsSpendingAboveOracle => LastRounds.Count(r => r.Spend > r.OracleSpend);

    /// <summary>Rounds after the first whose expected profit is below list price's (a negative capture), of <see cref="LaterRounds"/>.</summary>
    public int LaterRoundsBelowList => Runs.Sum(run => run.Rounds.Skip(1).Count(r => r.ExpectedProfit < r.ListProfit));

    public int LaterRounds => Runs.Sum(run => Math.Max(0, run.Rounds.Count - 1));

    /// <summary>Rounds after the first that earned less against list price than the first did: where no discount pays, the loop's bar.</summary>
    public int LaterRoundsBelowFirst => Runs.Sum(run => run.Rounds.Skip(1).Count(r => r.AgainstList < run.Rounds[0].AgainstList));

    public void Print()
    {
        // A world where no discount pays (the oracle quotes list price) has no lift to share: its rounds are read as
        // expected profit against list price's, and the loop is judged by whether it makes a round worse than the first.
        var lift = Runs.Any(run => run.Rounds.Any(r => r.HasLift));
        string Cell(ShopRound r) => lift
            ? r.Capture.ToString("P1", CultureInfo.InvariantCulture)
            : r.AgainstList.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
        var rounds = Runs.Max(run => run.Rounds.Count);
        Console.WriteLine();
        Console.WriteLine($"World '{World}', {Runs.Count} seeds: {(lift ? "share of the oracle's profit lift by round" : "no discount pays; expected profit against list price's by round")}");
        Console.WriteLine($"| seed | {string.Join(" | ", Enumerable.Range(1, rounds).Select(r => $"round {r}"))} | {(lift ? "spend / oracle's" : "spend")}, last round |");
        Console.WriteLine($"|---:|{string.Concat(Enumerable.Repeat("---:|", rounds))}---:|");
        foreach (var (seed, runRounds) in Runs)
        {
            var spend = lift ? (runRounds[^1].Spend / Math.Max(1e-9, runRounds[^1].OracleSpend)).ToString("F2", CultureInfo.InvariantCulture) : runRounds[^1].Spend.ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {seed} | {string.Join(" | ", runRounds.Select(Cell))} | {spend} |");
        }

        Console.WriteLine(lift
            ? string.Create(CultureInfo.InvariantCulture,
                $"Last round: {MinCapture:P1}–{MaxCapture:P1}, mean {MeanCapture:P1}; {SeedsAtBar} of {Runs.Count} seeds at {Bar:P0} or more; spend above the oracle's on {SeedsSpendingAboveOracle} of {Runs.Count}; rounds after the first below list price's expected profit: {LaterRoundsBelowList} of {LaterRounds}.")
            : $"Last round: {string.Join(", ", LastRounds.Select(Cell))} against list price's; rounds after the first below the first: {LaterRoundsBelowFirst} of {LaterRounds}.");
        PrintCouponChecks();
    }

    /// <summary>
    /// How the training runs' reports of the blanket 10% coupon and of list price compared with the truth, run by run
    /// (docs/learning.md, "Against a blanket coupon").
    /// </summary>
    private void PrintCouponChecks()
    {
        var checks = Runs.SelectMany(run => run.Rounds.Select((round, i) => (Run: i + 1, round.CouponCheck))).Where(c => c.CouponCheck is not null).ToList();
        if (checks.Count == 0)
        {
            return;
        }

        var byRun = string.Join("; ", checks.GroupBy(c => c.Run).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"run {g.Key}: {g.Average(c => Math.Abs(c.CouponCheck!.Estimated - c.CouponCheck.True) / c.CouponCheck.True):P1} and {g.Average(c => Math.Abs(c.CouponCheck!.ListEstimated - c.CouponCheck.ListTrue) / c.CouponCheck.ListTrue):P1}")));
        var all = checks.Select(c => c.CouponCheck!).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The runs' blanket 10% coupon and list price, mean error against the truth: {byRun}. The active policy against the coupon: intervals leaving 0 out {all.Count(c => c.IntervalRight is not null)} of {all.Count}, on the truth's side {all.Count(c => c.IntervalRight == true)}; shown better {all.Count(c => c.VerdictRight is not null)}, on the truth's side {all.Count(c => c.VerdictRight == true)}."));
    }
}
