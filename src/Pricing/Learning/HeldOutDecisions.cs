using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Labelled decisions prepared for judging policies off-line: each decision's feature row at every level of the grid,
/// the levels the rules allowed, the level actually logged with its propensity, and the profit it earned.
/// </summary>
public sealed class HeldOutDecisions
{
    private HeldOutDecisions(
        IReadOnlyList<DecisionRecord> records, IReadOnlyList<double> grid, FeatureMatrix rows, int[][] allowed, int[] logged, double[] margins, double minDiscountGain, double depthTolerance)
    {
        MinDiscountGain = minDiscountGain;
        DepthTolerance = depthTolerance;
        Records = records;
        Grid = grid;
        Rows = rows;
        Allowed = allowed;
        Logged = logged;
        Margins = margins;
    }

    public IReadOnlyList<DecisionRecord> Records { get; }

    public IReadOnlyList<double> Grid { get; }

    /// <summary>Record i's row at grid level g is row i·|grid| + g.</summary>
    public FeatureMatrix Rows { get; }

    /// <summary>
    /// The grid levels each record could have been quoted at: those its logged policy held (<see cref="DecisionRecord.Policy"/>,
    /// the rules and the daily cap as they were), else those the product's floor and maxima and the customer maximum allow.
    /// Why the logged ones first: a policy judged at a level the line could not have had is valued by the model's beliefs
    /// alone, since no logged decision there can correct them; and a line the daily cap sent to list price could have had
    /// nothing else.
    /// </summary>
    public int[][] Allowed { get; }

    /// <summary>The grid level of list price (discount 0), which every grid holds.</summary>
    public int ListLevel => Enumerable.Range(0, Grid.Count).First(g => Grid[g] == 0);

    /// <summary>The grid level each record logged.</summary>
    public int[] Logged { get; }

    /// <summary>Price minus unit cost at record i, level g: Margins[i·|grid| + g].</summary>
    public double[] Margins { get; }

    /// <summary>What the served policy asks of a discount over list price (<see cref="DiscountOptimizer.ClearsMinimumGain"/>); a judged policy asks the same.</summary>
    public double MinDiscountGain { get; }

    /// <summary>How much of the best discount's gain the served policy gives up for a shallower one (<see cref="DiscountOptimizer.IsNearBest"/>); a judged policy does the same.</summary>
    public double DepthTolerance { get; }

    public int Count => Records.Count;

    /// <summary>The grid level of <paramref name="discount"/>, or −1 when it is off the grid (a decision a run does not judge).</summary>
    public static int LevelOf(IReadOnlyList<double> grid, double discount) =>
        Enumerable.Range(0, grid.Count).FirstOrDefault(g => Math.Abs(grid[g] - discount) < 1e-9, -1);

    /// <summary>Profit the logged decision earned: its margin if the customer bought, else 0.</summary>
    public double Reward(int i) => Records[i].Purchased == true ? Margins[i * Grid.Count + Logged[i]] : 0;

    /// <summary>Price at <paramref name="discount"/> less the unit cost: what a sale of the record's product earns there.</summary>
    public static double Margin(DecisionRecord record, double discount) =>
        (double)(DiscountOptimizer.PriceAt(record.Product.ListPrice, discount) - record.Product.UnitCost);

    /// <summary>
    /// What a model that reads <paramref name="rowWidth"/> columns predicts for rows of <see cref="Rows"/>: each feature
    /// row with its record's event sequence appended when the model reads one (a network with a sequence encoder).
    /// </summary>
    public Func<float[], int, float[]> Predictor(Func<float[], int, float[]> predict, int rowWidth) =>
        rowWidth == FeatureDefinition.Count ? predict : (rows, count) =>
        {
            var wide = new float[count * rowWidth];
            for (var j = 0; j < count; j++)
            {
                rows.AsSpan(j * FeatureDefinition.Count, FeatureDefinition.Count).CopyTo(wide.AsSpan(j * rowWidth));
                Records[j / Grid.Count].WriteSequence(wide.AsSpan(j * rowWidth + FeatureDefinition.Count, rowWidth - FeatureDefinition.Count));
            }

            return predict(wide, count);
        };

    /// <summary>Labelled records whose logged discount is a level of <paramref name="grid"/> (campaign decisions on other grids are left out).</summary>
    public static HeldOutDecisions Prepare(IEnumerable<DecisionRecord> records, IReadOnlyList<double> grid, double maxCustomerDiscount, double minDiscountGain = 0, double depthTolerance = 0)
    {
        var kept = new List<(DecisionRecord Record, int Level)>();
        foreach (var record in records.Where(r => r.Purchased is not null))
        {
            var level = LevelOf(grid, record.Discount);
            if (level >= 0)
            {
                kept.Add((record, level));
            }
        }

        var rows = new FeatureMatrix(kept.Count * grid.Count);
        var margins = new double[kept.Count * grid.Count];
        var allowed = new int[kept.Count][];
        for (var i = 0; i < kept.Count; i++)
        {
            var (record, _) = kept[i];
            var levels = new List<int>();
            for (var g = 0; g < grid.Count; g++)
            {
                record.WriteFeatures(rows.Row(i * grid.Count + g), grid[g]);
                margins[i * grid.Count + g] = Margin(record, grid[g]);
                if (record.Policy is { } policy
                    ? policy.Any(level => Math.Abs(level.Discount - grid[g]) < 1e-9)
                    : DiscountOptimizer.LimitOf(record.Product, grid[g], DiscountOptimizer.PriceAt(record.Product.ListPrice, grid[g]), maxCustomerDiscount) == LevelLimit.None)
                {
                    levels.Add(g);
                }
            }

            allowed[i] = [.. levels];
        }

        return new HeldOutDecisions(kept.Select(k => k.Record).ToList(), grid, rows, allowed, kept.Select(k => k.Level).ToArray(), margins, minDiscountGain, depthTolerance);
    }
}
