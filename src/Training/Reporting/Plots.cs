using ScottPlot;

namespace OrleansPricing.Training.Reporting;

/// <summary>The report's PNG charts.</summary>
public static class Plots
{
    private const int Width = 800;
    private const int Height = 560;

    public static void Lines(string path, string title, string xLabel, string yLabel,
        IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, bool diagonal = false)
    {
        var plot = new Plot();
        foreach (var (name, x, y) in series)
        {
            var line = plot.Add.ScatterLine(x.ToArray(), y.ToArray());
            line.LegendText = name;
            line.LineWidth = 2;
        }

        if (diagonal)
        {
            var reference = plot.Add.Line(0, 0, 1, 1);
            reference.LinePattern = LinePattern.Dashed;
            reference.LegendText = "reference";
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    public static void Bars(string path, string title, IReadOnlyList<string> groups, IReadOnlyList<(string Series, IReadOnlyList<double> Values)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                bars.Add(new Bar
                {
                    Position = g * (series.Count + 1) + s,
                    Value = series[s].Values[g],
                    FillColor = palette.GetColor(s),
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Series, FillColor = palette.GetColor(s) });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select((group, g) => (double)(g * (series.Count + 1) + (series.Count - 1) / 2.0)).ToArray(), groups.ToArray());
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.SavePng(path, Width, Height);
    }
}
