using System.Globalization;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// The shop simulation's rounds for several seeds of one world, and the figures the learning issue judges the loop by:
/// the last round's share of the oracle's lift on every seed (its bar: 80% or more), spend against the oracle's, and no
/// round after the first below list price's expected profit.
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

    public void Print()
    {
        var rounds = Runs.Max(run => run.Rounds.Count);
        Console.WriteLine();
        Console.WriteLine($"World '{World}', {Runs.Count} seeds: share of the oracle's profit lift by round");
        Console.WriteLine($"| seed | {string.Join(" | ", Enumerable.Range(1, rounds).Select(r => $"round {r}"))} | spend / oracle's, last round |");
        Console.WriteLine($"|---:|{string.Concat(Enumerable.Repeat("---:|", rounds))}---:|");
        foreach (var (seed, runRounds) in Runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {seed} | {string.Join(" | ", runRounds.Select(r => r.Capture.ToString("P1", CultureInfo.InvariantCulture)))} | {runRounds[^1].Spend / Math.Max(1e-9, runRounds[^1].OracleSpend):F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Last round: {MinCapture:P1}–{MaxCapture:P1}, mean {MeanCapture:P1}; {SeedsAtBar} of {Runs.Count} seeds at {Bar:P0} or more; spend above the oracle's on {SeedsSpendingAboveOracle} of {Runs.Count}; rounds after the first below list price's expected profit: {LaterRoundsBelowList} of {LaterRounds}."));
    }
}
