using System.Globalization;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// One kind of one world's round over the seeds of a <c>shop --kind-results</c> file: the mean of each seed's figures.
/// Why: where round 4 falls short of the policy reading the histories, and where the spend beyond the oracle's goes,
/// differs from kind to kind and world to world (the kinds a discount does not move on one, the customers it moves on
/// another), and one seed's figures move by more than the differences (docs/learning.md, seventy-seventh session).
/// </summary>
internal sealed record ShopKindSummary(string World, int Round, string Kind, IReadOnlyList<ShopKindResult> Seeds)
{
    /// <summary>Whether the kind has any of the round's lift, on average over the seeds: without, what it is given only costs.</summary>
    public bool HasLift => LiftShare >= ShopKindResult.NoLift;

    public double LiftShare => Seeds.Average(r => r.LiftShare);

    public double Points => Seeds.Average(r => r.Points);

    public double HistoryPoints => Seeds.Average(r => r.HistoryPoints);

    public double AgainstList => Seeds.Average(r => r.AgainstList);

    public double Spend => Seeds.Average(r => r.Spend);

    public double OracleSpend => Seeds.Average(r => r.OracleSpend);

    public double HistorySpend => Seeds.Average(r => r.HistorySpend);

    public double ExploredSpend => Seeds.Average(r => r.ExploredSpend);

    public double Discount => Seeds.Average(r => r.Discount);

    public double OracleDiscount => Seeds.Average(r => r.OracleDiscount);

    /// <summary>
    /// Each world's kinds at <paramref name="round"/> (each world's last round when null), worlds and kinds in the order the
    /// file first names them; a seed run twice counts by its last row.
    /// </summary>
    public static IReadOnlyList<ShopKindSummary> Of(IReadOnlyList<ShopKindResult> results, int? round) =>
        [.. results.Select(r => r.World).Distinct(StringComparer.Ordinal).SelectMany(world =>
        {
            var rows = results.Where(r => r.World == world).ToList();
            var at = round ?? rows.Max(r => r.Round);
            return rows.Where(r => r.Round == at).Select(r => r.Kind).Distinct(StringComparer.Ordinal).Select(kind => new ShopKindSummary(world, at, kind,
                [.. rows.Where(r => r.Round == at && r.Kind == kind).GroupBy(r => r.Seed).Select(seed => seed.Last()).OrderBy(r => r.Seed)]));
        })];

    /// <summary>The <c>shop-kinds</c> command: a table a world; 2 with the reason on <paramref name="error"/> when the file cannot be read or holds no rows of the round.</summary>
    public static int Run(string path, int? round, TextWriter output, TextWriter error)
    {
        IReadOnlyList<ShopKindSummary> summaries;
        try
        {
            summaries = Of(ShopKindResults.Read(path), round);
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            return 2;
        }

        if (summaries.Count == 0)
        {
            error.WriteLine($"{Path.GetFileName(path)} holds no rows{(round is { } r ? $" of round {r}" : "")}: nothing to summarize.");
            return 2;
        }

        Print(summaries, output);
        return 0;
    }

    public static void Print(IReadOnlyList<ShopKindSummary> summaries, TextWriter output)
    {
        static string Signed(double value, string format) => value.ToString($"+{format};-{format};{format}", CultureInfo.InvariantCulture);
        static string Amount(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        foreach (var world in summaries.GroupBy(s => (s.World, s.Round)))
        {
            var kinds = world.ToList();
            var seeds = kinds.Max(k => k.Seeds.Count);
            var hasLift = kinds.Any(k => k.HasLift);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"World '{world.Key.World}', round {world.Key.Round}, {seeds} seeds: each kind's mean over the seeds; spend and discount on the lines the models chose (not exploration draws), the oracle's and the histories' policy's on the same lines."));
            if (hasLift)
            {
                output.WriteLine("| kind | share of the lift | points | the histories' policy | short of it | spend | oracle's | beyond it | the histories' policy's | discount | oracle's |");
                output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                string Row(string name, IReadOnlyCollection<ShopKindSummary> part) => string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {part.Sum(k => k.LiftShare):P1} | {Signed(100 * part.Sum(k => k.Points), "0.0")} | {Signed(100 * part.Sum(k => k.HistoryPoints), "0.0")} | {Signed(100 * part.Sum(k => k.Points - k.HistoryPoints), "0.0")} | {Amount(part.Sum(k => k.Spend))} | {Amount(part.Sum(k => k.OracleSpend))} | {Signed(part.Sum(k => k.Spend - k.OracleSpend), "#,0")} | {Amount(part.Sum(k => k.HistorySpend))} |");
                foreach (var kind in kinds)
                {
                    output.WriteLine(Row(kind.HasLift ? kind.Kind : $"{kind.Kind} (no lift)", [kind]) + string.Create(CultureInfo.InvariantCulture, $" {kind.Discount:P1} | {kind.OracleDiscount:P1} |"));
                }

                var unmoved = kinds.Where(k => !k.HasLift).ToList();
                if (unmoved.Count > 0)
                {
                    output.WriteLine(Row("kinds with no lift", unmoved) + " | |");
                }

                output.WriteLine(Row("all", kinds) + " | |");
            }
            else
            {
                output.WriteLine("| kind | expected profit against list price's | spend | oracle's | the histories' policy's | discount | oracle's |");
                output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
                foreach (var kind in kinds)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {kind.Kind} | {Signed(kind.AgainstList, "#,0")} | {Amount(kind.Spend)} | {Amount(kind.OracleSpend)} | {Amount(kind.HistorySpend)} | {kind.Discount:P1} | {kind.OracleDiscount:P1} |"));
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exploration draws spent {Amount(kinds.Sum(k => k.ExploredSpend))} a seed besides."));
            output.WriteLine();
        }
    }
}
