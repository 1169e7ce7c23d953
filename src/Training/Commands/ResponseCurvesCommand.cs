using System.CommandLine;
using System.Globalization;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Training.DecisionLog;

namespace OrleansPricing.Training.Commands;

public static class ResponseCurvesCommand
{
    public static Command Create(TextWriter output)
    {
        var input = Options.Required("--input", "One decision-log CSV with outcomes, or the folder the silos write (decisions-*.csv joined with purchases-*.csv).");
        var outputPath = Options.Required("--out", "CSV to write: one row per decision after the training ones, each candidate's purchase probability at each level.");
        var train = new Option<int>("--train") { Description = "How many of the oldest decisions (in time order) the candidates learn from; the rest are scored.", Required = true };
        var levels = Options.List("--levels", "Discount levels to score, fractions of the list price (default: list price and every level the log quoted).");
        var kinds = Options.List("--kinds", $"Candidate kinds to train, any of {string.Join(",", ResponseCurves.KnownKinds)} (default: the learning service's candidates, as it trains them).");
        var ttl = Options.Number("--quote-ttl-minutes", 15, 0.1, 7 * 24 * 60, "Quote lifetime: a quote not ordered within it counts as not purchased.");
        var seed = Options.Whole("--seed", 1, 0, int.MaxValue, "Seed of the models' training (the learning service's is 1).");
        var command = new Command(
            "response-curves",
            "Trains the learning service's candidates on the oldest decisions of a decision log and writes each one's purchase probability at every level for the later decisions, to judge them against a simulator's true response.")
        {
            input, outputPath, train, levels, kinds, ttl, seed,
        };
        command.SetAction(parse => TrainingProgram.Run(output, () =>
        {
            var path = parse.GetValue(input)!;
            var log = DecisionLogReader.ReadFileOrFolder(path, TimeSpan.FromMinutes(parse.GetValue(ttl)));
            var outPath = parse.GetValue(outputPath)!;
            // Written beside the target and moved over it once complete: a run that fails leaves no half-written file.
            var partial = outPath + ".partial";
            ResponseCurves.Summary summary;
            try
            {
                using (var file = new StreamWriter(partial))
                {
                    summary = ResponseCurves.Write(
                        log, parse.GetValue(train), parse.GetValue(levels)?.Select(ParseLevel).ToList(), parse.GetValue(kinds),
                        new LearningOptions(), parse.GetValue(seed), file, output.WriteLine);
                }

                File.Move(partial, outPath, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {summary.Trained} decisions ({summary.Purchases} purchases); scored {summary.Scored} at {summary.Levels.Count} levels ({string.Join(", ", summary.Levels.Select(ResponseCurves.LevelText))}); wrote {Path.GetFullPath(outPath)}"));
        }));
        return command;
    }

    private static double ParseLevel(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
            ? level
            : throw new ArgumentException($"--levels: '{text}' is not a number (levels are fractions of the list price, e.g. 0.1).");
}
