using System.Globalization;
using nietras.SeparatedValues;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// The shop simulation's judge for a decision log that a simulator outside the project wrote through the HTTP API: each
/// candidate kind trained on the decisions of the rounds before one, judged on that round's decisions by the true
/// expected profit the simulator wrote beside the log. Why: such a simulator's world is not in the project, so only it
/// knows the truth, and it sees only quotes; joined by quote id, the two tell whether a shortfall there is in what the
/// models can learn from the log or in how the loop serves and promotes them (docs/learning.md).
/// </summary>
internal static class LogJudge
{
    /// <summary>The truth file's leading columns; one column a discount level follows each (its name the level, e.g. 0.05).</summary>
    public static IReadOnlyList<string> LeadingColumns { get; } = ["round", "quote_id", "group"];

    /// <summary>What the simulator knows of one quoted line: its round, its group (say a kind of customer), and its true expected profit at each level.</summary>
    public sealed record TruthLine(int Round, string Group, IReadOnlyList<double> Profits);

    /// <summary>A truth file: the levels its columns give, and each quoted line by quote id.</summary>
    public sealed record TruthTable(IReadOnlyList<double> Levels, IReadOnlyDictionary<string, TruthLine> Lines)
    {
        /// <summary>The true expected profit of a line at a discount, which must be one of <see cref="Levels"/>.</summary>
        public double ProfitAt(TruthLine line, double discount) =>
            HeldOutDecisions.LevelOf(Levels, discount) is >= 0 and var level
                ? line.Profits[level]
                : throw new ArgumentOutOfRangeException(nameof(discount), discount, "The truth file gives no profit at this discount.");

        /// <summary>
        /// Reads a truth file: a header of <see cref="LeadingColumns"/> and then discount levels (ascending, the first 0), a row
        /// a quoted line. FormatException naming the line and column of a value it cannot read.
        /// </summary>
        public static TruthTable Read(TextReader text, string name)
        {
            SepReader reader;
            try
            {
                reader = Sep.New(',').Reader(options => options with { Unescape = true }).From(text);
            }
            catch (ArgumentException e)
            {
                // Sep refuses a header that names a column twice.
                throw new FormatException($"{name}: {e.Message}", e);
            }

            using var _ = reader;
            var header = reader.Header.ColNames;
            if (header.Count <= LeadingColumns.Count || !header.Take(LeadingColumns.Count).SequenceEqual(LeadingColumns, StringComparer.Ordinal))
            {
                throw new FormatException($"{name}: the header must be {string.Join(",", LeadingColumns)} and then a column a discount level; it is '{string.Join(",", header)}'.");
            }

            var levels = new List<double>();
            foreach (var column in header.Skip(LeadingColumns.Count))
            {
                if (!double.TryParse(column, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !(level >= 0 && level < 1)
                    || (levels.Count == 0 ? level != 0 : level <= levels[^1]))
                {
                    throw new FormatException($"{name}: header column '{column}' is not a discount level: the levels are fractions of list price, ascending from 0.");
                }

                levels.Add(level);
            }

            var lines = new Dictionary<string, TruthLine>(StringComparer.Ordinal);
            foreach (var row in reader)
            {
                var where = $"{name}, line {row.LineNumberFrom}";
                if (!int.TryParse(row["round"].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var round) || round < 1)
                {
                    throw new FormatException($"{where}: column 'round': '{row["round"]}' is not a round number (1 or more).");
                }

                var quoteId = row["quote_id"].ToString();
                if (quoteId.Length == 0 || lines.ContainsKey(quoteId))
                {
                    throw new FormatException($"{where}: column 'quote_id': '{quoteId}' is {(quoteId.Length == 0 ? "empty" : "given on an earlier line")}.");
                }

                var profits = new double[levels.Count];
                for (var l = 0; l < levels.Count; l++)
                {
                    var column = header[LeadingColumns.Count + l];
                    if (!double.TryParse(row[column].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out profits[l]) || !double.IsFinite(profits[l]))
                    {
                        throw new FormatException($"{where}: column '{column}': '{row[column]}' is not a number.");
                    }
                }

                lines[quoteId] = new TruthLine(round, row["group"].ToString(), profits);
            }

            return new TruthTable(levels, lines);
        }
    }

    /// <summary>
    /// The <c>judge-log</c> command: the log's labelled decisions joined with the truth by quote id, the candidates
    /// trained on the rounds before <paramref name="judgedRound"/> (the truth's last round when null) and judged on it.
    /// 0, or 2 with the reason on <paramref name="error"/> when the truth cannot be read or nothing joins.
    /// </summary>
    public static int Run(string logFolder, string truthPath, int? judgedRound, TimeSpan quoteTimeToLive, TextWriter output, TextWriter error)
    {
        TruthTable truth;
        try
        {
            using var text = File.OpenText(truthPath);
            truth = TruthTable.Read(text, Path.GetFileName(truthPath));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        List<DecisionRecord> log;
        try
        {
            // Labelled as of now: a simulator's run has ended, so every quote of it has expired or been ordered.
            log = [.. DecisionLogFolder.Read(logFolder, DateTimeOffset.UtcNow, quoteTimeToLive, withRecentEvents: true).Where(r => r.Purchased is not null)];
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{logFolder}: {e.Message}");
            return 2;
        }
        var joined = log.Where(r => truth.Lines.ContainsKey(r.DecisionId)).ToList();
        var round = judgedRound ?? (truth.Lines.Count == 0 ? 0 : truth.Lines.Values.Max(line => line.Round));
        var training = LearningRun.InTimeOrder(joined.Where(r => truth.Lines[r.DecisionId].Round < round));
        var judged = HeldOutDecisions.Prepare(
            LearningRun.InTimeOrder(joined.Where(r => truth.Lines[r.DecisionId].Round == round)), truth.Levels, truth.Levels[^1]);
        output.WriteLine($"{log.Count:N0} labelled decisions in {logFolder}, {joined.Count:N0} of them in the truth's {truth.Lines.Count:N0} lines: {training.Count:N0} before round {round}, {judged.Count:N0} judged in it.");
        if (training.Count == 0 || judged.Count == 0)
        {
            error.WriteLine($"Nothing to judge: the log and {Path.GetFileName(truthPath)} share no decisions before round {round} or none in it (are they of the same run?).");
            return 2;
        }

        var score = new TruthScore(
            judged, (i, discount) => truth.ProfitAt(truth.Lines[judged.Records[i].DecisionId], discount), i => truth.Lines[judged.Records[i].DecisionId].Group);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Served in round {round} (the logged discounts): captured {score.Captured(i => judged.Records[i].Discount):P1} of the oracle's lift, mean discount {judged.Records.Average(r => r.Discount):P1}."));
        output.WriteLine($"Judged by the truth: candidates trained on the {training.Count:N0} decisions before round {round}, greedy on its {judged.Count:N0}:");
        // The plain logistic model here; the ensemble's parts, each kind the loop trains, come with it by share below.
        var logistic = OffPolicyEvaluation.Score(judged, LearningRun.Train(training, new LearningOptions(), ModelKinds.Logistic).Predict);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {ModelKinds.Logistic}: captured {score.Captured(logistic):P1}, mean discount {logistic.Choices.Average(g => judged.Grid[g]):P1}; by group {score.ByGroup(logistic)}"));
        var onAll = ShopJudge.JudgeByShare(training, judged, score, output);
        // Each customer's group, from any of their decisions (a simulator's group is the customer's, whatever the line).
        var groups = joined.GroupBy(r => r.CustomerId, StringComparer.Ordinal)
            .ToDictionary(customer => customer.Key, customer => truth.Lines[customer.First().DecisionId].Group, StringComparer.Ordinal);
        ShopJudge.ReportSegments(onAll.Segments.Mixture, training, id => groups[id], output);
        return 0;
    }
}
