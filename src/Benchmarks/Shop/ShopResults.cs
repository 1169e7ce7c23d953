namespace OrleansPricing.Benchmarks.Shop;

/// <summary>One round of one seed of a shop simulation, as <c>shop --results</c> writes it and <c>shop-compare</c> reads it.</summary>
internal sealed record ShopResult(string World, int Seed, int Round, string Model, double Capture, double AgainstList, double Spend, double OracleSpend, bool HasLift);

/// <summary>
/// The file of <see cref="ShopResult"/> rows (CSV, a header): a run's figures kept for comparing builds seed by seed, since
/// a seed's figure moves by more between builds than most changes do (docs/learning.md, "How much a change must move").
/// </summary>
internal static class ShopResults
{
    private static readonly string[] Columns = ["world", "seed", "round", "model", "capture", "against_list", "spend", "oracle_spend", "has_lift"];

    public static IEnumerable<ShopResult> Of(ShopSweep sweep) =>
        sweep.Runs.SelectMany(run => run.Rounds.Select(round => new ShopResult(
            sweep.World, run.Seed, round.Number, round.Model, round.Capture, round.AgainstList, round.Spend, round.OracleSpend, round.HasLift)));

    public static void Write(string path, IEnumerable<ShopResult> results)
    {
        using var writer = ShopCsv.Writer(path);
        foreach (var result in results)
        {
            using var row = writer.NewRow();
            row["world"].Set(result.World);
            row["seed"].Format(result.Seed);
            row["round"].Format(result.Round);
            row["model"].Set(result.Model);
            row["capture"].Format(result.Capture);
            row["against_list"].Format(result.AgainstList);
            row["spend"].Format(result.Spend);
            row["oracle_spend"].Format(result.OracleSpend);
            row["has_lift"].Set(result.HasLift ? "true" : "false");
        }
    }

    /// <summary>The rows of <paramref name="path"/>; FormatException naming the file, line and column of a value it cannot read.</summary>
    public static IReadOnlyList<ShopResult> Read(string path) =>
        [.. ShopCsv.Read(path, Columns, "shop --results").Select(row => new ShopResult(row.Text("world"), row.Whole("seed"), row.Whole("round"),
            row.Text("model"), row.Real("capture"), row.Real("against_list"), row.Real("spend"), row.Real("oracle_spend"), row.Truth("has_lift")))];
}
