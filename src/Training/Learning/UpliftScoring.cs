using System.Globalization;
using Microsoft.ML;
using nietras.SeparatedValues;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// Applies a saved uplift model to a file of new customers: one output row per input row, in input order, nothing
/// dropped — the id (when asked for), P(buy | no offer), P(buy | offer), their difference, whether to send the offer
/// (when its expected profit beats not sending it, under the economics the model was trained with) and the expected
/// profit of that recommendation.
/// </summary>
public static class UpliftScoring
{
    public static UpliftScoringSummary Score(string modelDirectory, string inputPath, string outputPath, string? learnerName, string? idColumn)
    {
        var package = UpliftModelPackage.Read(modelDirectory);
        var (name, model) = package.Load(new MLContext(seed: 0), modelDirectory, learnerName);
        var table = CsvTable.Read(inputPath);
        var idIndex = idColumn is null ? -1 : table.ColumnIndex(idColumn);
        if (table.Rows.Count == 0)
        {
            throw new CsvFormatException($"{table.Source}: no rows to score.");
        }

        var rows = Enumerable.Range(0, table.Rows.Count).ToList();
        var features = CampaignLoader.Encode(table, rows, package.Columns);
        var (treated, control) = model.Predict(features);
        var economics = package.Economics;

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        Directory.CreateDirectory(directory!);
        using var writer = Sep.New(',').Writer(options => options with { Escape = true }).ToFile(outputPath);
        int recommended = 0;
        double valueOfRecommendations = 0, valueIfAll = 0, valueIfNone = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var ifTreated = economics.ValueIfTreated(treated[i]);
            var ifSkipped = economics.ValueIfSkipped(control[i]);
            var treat = ifTreated > ifSkipped;
            recommended += treat ? 1 : 0;
            valueOfRecommendations += Math.Max(ifTreated, ifSkipped);
            valueIfAll += ifTreated;
            valueIfNone += ifSkipped;
            using var row = writer.NewRow();
            if (idIndex >= 0)
            {
                row[idColumn!].Set(table.Rows[i][idIndex]);
            }

            row["p_control"].Set(control[i].ToString("G9", CultureInfo.InvariantCulture));
            row["p_treated"].Set(treated[i].ToString("G9", CultureInfo.InvariantCulture));
            row["uplift"].Set((treated[i] - control[i]).ToString("G9", CultureInfo.InvariantCulture));
            row["recommended"].Set(treat ? "treat" : "skip");
            row["expected_value"].Set(Math.Max(ifTreated, ifSkipped).ToString("G9", CultureInfo.InvariantCulture));
        }

        return new UpliftScoringSummary(name, rows.Count, recommended, valueOfRecommendations, valueIfAll, valueIfNone, economics);
    }
}

/// <summary>What a <c>score</c> run recommends, in total: expected profit if the recommendations, everyone, or no one get the offer.</summary>
public sealed record UpliftScoringSummary(
    string Learner, int Rows, int Recommended, double ExpectedValue, double ExpectedValueIfAll, double ExpectedValueIfNone, TargetingEconomics Economics);
