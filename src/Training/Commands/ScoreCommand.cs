using System.CommandLine;
using System.Globalization;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Commands;

public static class ScoreCommand
{
    public static Command Create(TextWriter output)
    {
        var model = Options.Required("--model", "The 'model' folder an uplift run wrote.");
        var input = Options.Required("--input", "CSV of customers with the columns the model was trained on (treatment and outcome may be absent).");
        var outputPath = Options.Required("--out", "CSV to write: one row per input row, in input order.");
        var learner = Options.Optional("--learner", "Learner to apply, by the name the uplift report gives (default: the one the run selected).");
        var id = Options.Optional("--id", "Column of --input copied to the output to identify each row.");
        var command = new Command("score", "Applies a trained uplift model to new customers: P(buy) with and without the offer, uplift, and whom to send it to.")
        {
            model, input, outputPath, learner, id,
        };
        command.SetAction(parse => TrainingProgram.Run(output, () =>
        {
            var summary = UpliftScoring.Score(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(outputPath)!, parse.GetValue(learner), parse.GetValue(id));
            var e = summary.Economics;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {summary.Rows} rows with {summary.Learner} (margin {e.Margin:P0}, discount {e.Discount:P0}, revenue per buyer {e.RevenuePerTreatedBuyer:F2} with the offer, {e.RevenuePerControlBuyer:F2} without)."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Recommended for the offer: {summary.Recommended} ({(double)summary.Recommended / summary.Rows:P1}). Expected profit: {summary.ExpectedValue:F2} as recommended, {summary.ExpectedValueIfAll:F2} if everyone gets it, {summary.ExpectedValueIfNone:F2} if no one does."));
            output.WriteLine($"Wrote {Path.GetFullPath(parse.GetValue(outputPath)!)}");
        }));
        return command;
    }
}
