using System.Globalization;
using MathNet.Numerics.Distributions;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// Two builds' (or settings') shop simulations of one world compared seed by seed on the last round both ran: the mean
/// of the paired differences with its t interval, and how many seeds moved each way. Why paired and with an interval: a
/// seed's figure moves by ten points between builds that differ in one constant (the trial and exploration draws part
/// ways after the first training run), so a mean over nine seeds cannot tell most changes from that (docs/learning.md,
/// "How much a change must move").
/// </summary>
internal sealed record ShopComparison(
    string World,
    int Round,
    bool HasLift,
    IReadOnlyList<(int Seed, double Before, double After)> Pairs,
    IReadOnlyList<int> OnlyBefore,
    IReadOnlyList<int> OnlyAfter,
    (int Before, int After) AtBar,
    (int Before, int After) SpendingAboveOracle)
{
    public const double Confidence = 0.95;

    public double MeanBefore => Pairs.Average(p => p.Before);

    public double MeanAfter => Pairs.Average(p => p.After);

    public double MeanDifference => Pairs.Average(p => p.After - p.Before);

    /// <summary>The sample standard deviation of the paired differences (0 for one pair).</summary>
    public double DifferenceDeviation => Pairs.Count < 2
        ? 0
        : Math.Sqrt(Pairs.Sum(p => Math.Pow(p.After - p.Before - MeanDifference, 2)) / (Pairs.Count - 1));

    /// <summary>The <see cref="Confidence"/> t interval of the mean difference; null under two pairs.</summary>
    public (double Lower, double Upper)? Interval => Pairs.Count < 2
        ? null
        : (MeanDifference - HalfWidth, MeanDifference + HalfWidth);

    private double HalfWidth => StudentT.InvCDF(0, 1, Pairs.Count - 1, 1 - ((1 - Confidence) / 2)) * DifferenceDeviation / Math.Sqrt(Pairs.Count);

    public int Up => Pairs.Count(p => p.After > p.Before);

    public int Down => Pairs.Count(p => p.After < p.Before);

    /// <summary>
    /// Each world both files hold, its seeds paired; a world's figure is the capture of the oracle's lift where it has
    /// one, else expected profit against list price's (<see cref="ShopSweep"/>'s reading).
    /// </summary>
    public static IReadOnlyList<ShopComparison> Of(IReadOnlyList<ShopResult> before, IReadOnlyList<ShopResult> after) =>
        [.. before.Select(r => r.World).Distinct(StringComparer.Ordinal).Where(world => after.Any(r => r.World == world))
            .Select(world => Pair(world, [.. before.Where(r => r.World == world)], [.. after.Where(r => r.World == world)]))
            .OfType<ShopComparison>()];

    private static ShopComparison? Pair(string world, IReadOnlyList<ShopResult> before, IReadOnlyList<ShopResult> after)
    {
        var beforeSeeds = before.Select(r => r.Seed).ToHashSet();
        var afterSeeds = after.Select(r => r.Seed).ToHashSet();
        var seeds = beforeSeeds.Intersect(afterSeeds).Order().ToList();
        if (seeds.Count == 0)
        {
            return null;
        }

        // The last round every paired seed ran in both.
        var round = seeds.Min(seed => Math.Min(before.Where(r => r.Seed == seed).Max(r => r.Round), after.Where(r => r.Seed == seed).Max(r => r.Round)));
        var hasLift = before.Concat(after).Any(r => r.HasLift);
        ShopResult At(IReadOnlyList<ShopResult> results, int seed) => results.Last(r => r.Seed == seed && r.Round == round);
        double Figure(ShopResult r) => hasLift ? r.Capture : r.AgainstList;
        var lasts = seeds.Select(seed => (Before: At(before, seed), After: At(after, seed))).ToList();
        return new ShopComparison(world, round, hasLift,
            [.. seeds.Zip(lasts, (seed, last) => (seed, Figure(last.Before), Figure(last.After)))],
            [.. beforeSeeds.Except(afterSeeds).Order()], [.. afterSeeds.Except(beforeSeeds).Order()],
            (lasts.Count(l => l.Before.Capture >= ShopSweep.Bar), lasts.Count(l => l.After.Capture >= ShopSweep.Bar)),
            (lasts.Count(l => l.Before.Spend > l.Before.OracleSpend), lasts.Count(l => l.After.Spend > l.After.OracleSpend)));
    }

    /// <summary>The <c>shop-compare</c> command: 0, or 2 with the reason on <paramref name="error"/> when a file cannot be read or shares no world and seed with the other.</summary>
    public static int Run(string beforePath, string afterPath, TextWriter output, TextWriter error)
    {
        IReadOnlyList<ShopComparison> comparisons;
        try
        {
            comparisons = Of(ShopResults.Read(beforePath), ShopResults.Read(afterPath));
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            return 2;
        }

        if (comparisons.Count == 0)
        {
            error.WriteLine($"{Path.GetFileName(beforePath)} and {Path.GetFileName(afterPath)} share no world and seed: nothing to compare.");
            return 2;
        }

        foreach (var comparison in comparisons)
        {
            comparison.Print(output);
        }

        return 0;
    }

    public void Print(TextWriter output)
    {
        var unpaired = OnlyBefore.Count + OnlyAfter.Count == 0
            ? ""
            : $" (left out, in one file only: {string.Join(", ", OnlyBefore.Concat(OnlyAfter).Order())})";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"World '{World}', round {Round}, {Pairs.Count} seeds in both{unpaired}: {(HasLift ? "share of the oracle's profit lift" : "expected profit against list price's")}"));
        output.WriteLine(HasLift
            ? string.Create(CultureInfo.InvariantCulture,
                $"  before {MeanBefore:P1} ({AtBar.Before} at {ShopSweep.Bar:P0}, spend above the oracle's on {SpendingAboveOracle.Before}); after {MeanAfter:P1} ({AtBar.After} at {ShopSweep.Bar:P0}, spend above the oracle's on {SpendingAboveOracle.After})")
            : string.Create(CultureInfo.InvariantCulture, $"  before {MeanBefore:+0.00%;-0.00%}; after {MeanAfter:+0.00%;-0.00%}"));
        var interval = Interval is { } bounds
            ? string.Create(CultureInfo.InvariantCulture,
                $", {Confidence:P0} interval {Points(bounds.Lower)} to {Points(bounds.Upper)} (t over {Pairs.Count} paired seeds; standard deviation of the differences {100 * DifferenceDeviation:F1})")
            : " (one seed: no interval)";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  after − before: {Points(MeanDifference)} points{interval}; up on {Up}, down on {Down}"));
        output.WriteLine("  " + string.Join(" ", Pairs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Seed}:{Points(p.After - p.Before)}"))));

        static string Points(double share) => (100 * share).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
    }
}
