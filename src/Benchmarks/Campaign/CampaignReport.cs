using System.Globalization;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>The campaign benchmark's figures: budget and pacing, revenue, arms, violations, expected profit against no discount and the best uniform discount at equal spend; the spend-vs-plan CSV and PNG; scarce units.</summary>
internal static class CampaignReport
{
    public static void Print(BenchmarkSettings settings, ArrivalRecord[] records, List<SpendSample> samples,
        CampaignView final, decimal budget, decimal revenueTarget, List<string> violations, string output)
    {
        var maxDeviation = samples.Max(s => Math.Abs(s.Spent - s.Planned)) / budget;
        var endDeviation = (final.Spent - budget) / budget;
        var treatment = records.SelectMany(r => r.Lines).Where(l => !l.Holdout).ToList();

        // Expected values under the known response, treatment arm only (the holdout is list price under every policy).
        double Profit(LineRecord l, int level) => l.P[level] * (double)(DiscountOptimizer.PriceAt(l.Product.ListPrice, CampaignScenario.Grid[level]) - l.Product.UnitCost);
        double Spend(LineRecord l, int level) => l.P[level] * (double)(l.Product.ListPrice - DiscountOptimizer.PriceAt(l.Product.ListPrice, CampaignScenario.Grid[level]));
        var campaignProfit = treatment.Sum(l => Profit(l, l.Level));
        var campaignSpend = treatment.Sum(l => Spend(l, l.Level));
        var noDiscountProfit = treatment.Sum(l => Profit(l, 0));
        var uniform = Enumerable.Range(1, CampaignScenario.Grid.Length - 1).Select(level =>
        {
            bool Allowed(LineRecord l) => DiscountOptimizer.PriceAt(l.Product.ListPrice, CampaignScenario.Grid[level]) >= l.Product.FloorPrice;
            var fullSpend = treatment.Where(Allowed).Sum(l => Spend(l, level));
            var share = Math.Min(1, campaignSpend / fullSpend);
            var profit = treatment.Sum(l => Allowed(l) ? share * Profit(l, level) + (1 - share) * Profit(l, 0) : Profit(l, 0));
            return (Level: level, Share: share, Profit: profit);
        }).MaxBy(u => u.Profit);
        var realizedProfit = records.Where(r => r.Status == OrderStatus.Completed).SelectMany(r => r.Lines.Where(l => l.Bought))
            .Sum(l => (double)(l.Quote.Price - l.Product.UnitCost));

        var treatmentArrivals = records.Count(r => r.Lines.Any(l => !l.Holdout));
        var holdoutArrivals = records.Count(r => r.Lines.All(l => l.Holdout));
        var explored = treatment.Count(l => l.Quote.Reasons.Contains(DecisionReasons.CampaignExploration));
        var rejected = records.Where(r => r.Status is not (null or OrderStatus.Completed)).GroupBy(r => r.Status).ToDictionary(g => g.Key!.Value, g => g.Count());

        Console.WriteLine();
        Console.WriteLine($"Campaign simulation ({settings.Days} days, {records.Length} arrivals, {records.Sum(r => r.Lines.Count)} SKU quotes, seed {settings.Seed})");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Row("constraint violations", violations.Count.ToString(CultureInfo.InvariantCulture));
        Row("budget spent / budget", $"{final.Spent:N2} / {budget:N2} ({final.Spent / budget:P1})");
        Row("spend vs plan at the end", $"{endDeviation:+0.0%;-0.0%}");
        Row("spend vs plan, max deviation over the window", $"{maxDeviation:P1} of budget");
        Row("treatment revenue / target", $"{final.Revenue:N2} / {revenueTarget:N2} ({final.Revenue / revenueTarget:P1})");
        Row("conversions treatment / holdout", string.Create(CultureInfo.InvariantCulture,
            $"{final.TreatmentConversions} of {treatmentArrivals} ({(double)final.TreatmentConversions / Math.Max(1, treatmentArrivals):P1}) / {final.HoldoutConversions} of {holdoutArrivals} ({(double)final.HoldoutConversions / Math.Max(1, holdoutArrivals):P1})"));
        Row("exploration quotes", $"{explored} of {treatment.Count} treatment SKU quotes");
        Row("orders rejected", rejected.Count == 0 ? "none" : string.Join(", ", rejected.Select(r => $"{r.Key}: {r.Value}")));
        Row("expected profit, campaign policy", $"{campaignProfit:N2} (expected spend {campaignSpend:N2}; realized profit {realizedProfit:N2})");
        Row("expected profit, no discount", $"{noDiscountProfit:N2} (campaign {campaignProfit / noDiscountProfit - 1:+0.0%;-0.0%})");
        Row($"expected profit, best uniform discount at equal spend ({CampaignScenario.Grid[uniform.Level]:P0} to {uniform.Share:P1} of quotes)",
            $"{uniform.Profit:N2} (campaign {campaignProfit / uniform.Profit - 1:+0.0%;-0.0%})");
        foreach (var violation in violations.Take(10))
        {
            Console.WriteLine($"  violation: {violation}");
        }

        var csv = Path.Combine(output, "spend-vs-plan.csv");
        File.WriteAllLines(csv, ["hour,spent,planned,leased,lambda,revenue", .. samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Hour},{s.Spent},{s.Planned},{s.Leased},{s.Lambda},{s.Revenue}"))]);
        var png = Path.Combine(output, "spend-vs-plan.png");
        var plot = new ScottPlot.Plot();
        var hours = samples.Select(s => (double)s.Hour).ToArray();
        var planned = plot.Add.ScatterLine(hours, samples.Select(s => (double)s.Planned).ToArray());
        planned.LegendText = "pacing plan";
        planned.LinePattern = ScottPlot.LinePattern.Dashed;
        planned.LineWidth = 2;
        var spent = plot.Add.ScatterLine(hours, samples.Select(s => (double)s.Spent).ToArray());
        spent.LegendText = "discount spent (committed)";
        spent.LineWidth = 2;
        var limit = plot.Add.HorizontalLine((double)budget);
        limit.LegendText = "budget";
        plot.Title($"Campaign spend vs pacing plan (seed {settings.Seed})");
        plot.XLabel("hours since campaign start");
        plot.YLabel("discount money");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(png, 900, 560);
        Console.WriteLine($"Spend curve: {png} (data: {csv})");

        void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");
    }

    public static async Task PrintUnitsAsync(IGrainFactory grains, IReadOnlyList<ProductDefinition> catalog, ArrivalRecord[] records)
    {
        Console.WriteLine();
        Console.WriteLine("| scarce SKU | units sold / inventory | orders turned away for stock |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var product in catalog.Where(p => p.Inventory < 1000))
        {
            var view = (await grains.GetGrain<IProductGrain>(product.Sku).GetAsync())!;
            var turnedAway = records.Count(r => r.Status == OrderStatus.InsufficientInventory && r.Lines.Any(l => l.Bought && l.Product.Sku == product.Sku));
            Console.WriteLine($"| {product.Sku} | {view.UnitsSold} / {product.Inventory} | {turnedAway} |");
        }
    }
}
