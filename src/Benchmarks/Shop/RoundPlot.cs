namespace OrleansPricing.Benchmarks.Shop;

/// <summary>The frame the shop simulation's by-round plots share: a tick a round, the labels, the legend, a PNG.</summary>
internal static class RoundPlot
{
    public static void Save(ScottPlot.Plot plot, string path, string title, string xLabel, string yLabel, ScottPlot.Alignment legend, int width = 800, int height = 500)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        plot.SavePng(path, width, height);
    }
}
