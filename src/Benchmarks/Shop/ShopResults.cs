using System.Globalization;
using nietras.SeparatedValues;

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
    public static IReadOnlyList<ShopResult> Read(string path)
    {
        var name = Path.GetFileName(path);
        using var reader = Sep.New(',').Reader(options => options with { Unescape = true }).FromFile(path);
        var missing = Columns.Where(column => !reader.Header.TryIndexOf(column, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{name}: no column {string.Join(", ", missing.Select(column => $"'{column}'"))}; is it a file that 'shop --results' wrote?");
        }

        var results = new List<ShopResult>();
        foreach (var row in reader)
        {
            // The row is a ref struct, out of reach of the parsers below: its fields are copied first.
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                fields[column] = row[column].ToString();
            }

            results.Add(Parse(fields, $"{name}, line {row.LineNumberFrom}"));
        }

        return results;
    }

    private static ShopResult Parse(Dictionary<string, string> fields, string where)
    {
        FormatException Bad(string column, string what) => new($"{where}: column '{column}': '{fields[column]}' is not {what}.");
        int Whole(string column) => int.TryParse(fields[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(column, "a whole number");
        double Real(string column) => double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Bad(column, "a number");
        var hasLift = fields["has_lift"] switch { "true" => true, "false" => false, _ => throw Bad("has_lift", "true or false") };
        return new ShopResult(fields["world"], Whole("seed"), Whole("round"), fields["model"], Real("capture"), Real("against_list"),
            Real("spend"), Real("oracle_spend"), hasLift);
    }
}
