using System.Globalization;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// One world's round of a <c>shop --results</c> file over all its seeds: the mean, least and most of the seeds' figure
/// (the share of the oracle's profit lift where the world has one, else expected profit against list price's), how many
/// seeds reached <see cref="ShopSweep.Bar"/>, and spend against the oracle's. Why: the README's figures are a world's
/// spread over many seeds (one seed moves by up to 20 points on another exploration draw), and a file of 81 runs is
/// read by eye only as a table and a plot.
/// </summary>
internal sealed record ShopSummary(string World, int Round, bool HasLift, IReadOnlyList<ShopResult> Seeds)
{
    public double Mean => Seeds.Average(Figure);

    public double Min => Seeds.Min(Figure);

    public double Max => Seeds.Max(Figure);

    public int AtBar => Seeds.Count(r => r.Capture >= ShopSweep.Bar);

    public int SpendingAboveOracle => Seeds.Count(r => r.Spend > r.OracleSpend);

    /// <summary>The mean of each seed's spend over the oracle's; null where the oracle spends nothing on some seed.</summary>
    public double? SpendAgainstOracle => Seeds.All(r => r.OracleSpend > 0) ? Seeds.Average(r => r.Spend / r.OracleSpend) : null;

    private double Figure(ShopResult result) => HasLift ? result.Capture : result.AgainstList;

    /// <summary>Each world's rounds in the order the file first names the world; a seed run twice counts by its last row.</summary>
    public static IReadOnlyList<ShopSummary> Of(IReadOnlyList<ShopResult> results) =>
        [.. results.Select(r => r.World).Distinct(StringComparer.Ordinal).SelectMany(world =>
        {
            var rows = results.Where(r => r.World == world).ToList();
            var hasLift = rows.Any(r => r.HasLift);
            return rows.Select(r => r.Round).Distinct().Order().Select(round => new ShopSummary(world, round, hasLift,
                [.. rows.Where(r => r.Round == round).GroupBy(r => r.Seed).Select(seed => seed.Last()).OrderBy(r => r.Seed)]));
        })];

    /// <summary>The <c>shop-summary</c> command: the table, and the plot when <paramref name="plotPath"/> is given; 2 with the reason on <paramref name="error"/> when the file cannot be read or holds no rows.</summary>
    public static int Run(string resultsPath, string? plotPath, TextWriter output, TextWriter error)
    {
        IReadOnlyList<ShopSummary> summaries;
        try
        {
            summaries = Of(ShopResults.Read(resultsPath));
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            return 2;
        }

        if (summaries.Count == 0)
        {
            error.WriteLine($"{Path.GetFileName(resultsPath)} holds no rows: nothing to summarize.");
            return 2;
        }

        Print(summaries, output);
        if (plotPath is not null)
        {
            Plot(summaries, plotPath);
            output.WriteLine($"Plot: {plotPath}");
        }

        return 0;
    }

    public static void Print(IReadOnlyList<ShopSummary> summaries, TextWriter output)
    {
        output.WriteLine($"| world | round | seeds | mean | least–most | seeds at {ShopSweep.Bar:P0} | spend above the oracle's | spend / oracle's (mean) |");
        output.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var figure = s.HasLift
                ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:P1} | {s.Min:P1}–{s.Max:P1} | {s.AtBar}")
                : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:+0.00%;-0.00%} of list price's | {s.Min:+0.00%;-0.00%}–{s.Max:+0.00%;-0.00%} | —");
            var ratio = s.SpendAgainstOracle is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "—";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.World} | {s.Round} | {s.Seeds.Count} | {figure} | {s.SpendingAboveOracle} | {ratio} |"));
        }
    }

    /// <summary>Each world with a lift to share: its mean by round, a band from its least to its most seed, and the bar.</summary>
    public static void Plot(IReadOnlyList<ShopSummary> summaries, string path)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var worlds = summaries.Where(s => s.HasLift).GroupBy(s => s.World, StringComparer.Ordinal).ToList();
        for (var w = 0; w < worlds.Count; w++)
        {
            var rounds = worlds[w].ToList();
            double[] xs = [.. rounds.Select(s => (double)s.Round)];
            var color = palette.GetColor(w);
            var band = plot.Add.FillY(xs, [.. rounds.Select(s => 100 * s.Min)], [.. rounds.Select(s => 100 * s.Max)]);
            band.FillColor = color.WithAlpha(0.15);
            band.LineColor = color.WithAlpha(0);
            var mean = plot.Add.ScatterLine(xs, [.. rounds.Select(s => 100 * s.Mean)]);
            mean.Color = color;
            mean.LineWidth = 2;
            mean.LegendText = string.Create(CultureInfo.InvariantCulture, $"{worlds[w].Key}: mean of {rounds[^1].Seeds.Count} seeds, band least to most");
        }

        var bar = plot.Add.HorizontalLine(100 * ShopSweep.Bar);
        bar.LinePattern = ScottPlot.LinePattern.Dashed;
        bar.Color = ScottPlot.Colors.Gray;
        bar.LegendText = string.Create(CultureInfo.InvariantCulture, $"the target, {ShopSweep.Bar:P0}");
        RoundPlot.Save(plot, path, "Share of the oracle's expected profit lift over list price, by round", "round (a training run after each)", "% captured",
            ScottPlot.Alignment.LowerRight, 900, 560);
    }
}
