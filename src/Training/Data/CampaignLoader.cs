using System.Globalization;
using System.Security.Cryptography;

namespace OrleansPricing.Training.Data;

/// <summary>
/// Reads any randomized-campaign CSV into model inputs with documented cleaning rules:
/// duplicates removed by id (or by whole row only when asked: customers without an id can share every attribute, so
/// equal rows are otherwise kept and counted); rows whose treatment or outcome is missing or unknown dropped;
/// a column is numeric when every non-missing value parses as a number, else categorical;
/// missing numbers take the column median; numbers are clipped to their 1st–99th percentile, then standardized
/// (z-score); categories are one-hot encoded (the 20 most frequent, the rest as "(other)", missing as "(missing)").
/// </summary>
public static class CampaignLoader
{
    public const int MaxCategories = 20;
    private const string MissingLevel = "(missing)";
    private const string OtherLevel = "(other)";
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "", "na", "n/a", "null", "nan", "?" };

    public static CampaignData Load(string path, CampaignSpec spec, IReadOnlyList<FeatureColumn>? fitted = null)
    {
        var table = CsvTable.Read(path);
        using var file = File.OpenRead(path);
        return Load(table, spec, Convert.ToHexStringLower(SHA256.HashData(file)), fitted);
    }

    public static bool IsMissing(string value) => MissingMarkers.Contains(value.Trim());

    public static bool TryNumber(string value, out double number) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <param name="fitted">
    /// Columns fitted on another file (its medians, clipping bounds, scales and categories), applied to this one unchanged —
    /// for a held-out test file. Null fits them on this file.
    /// </param>
    public static CampaignData Load(CsvTable table, CampaignSpec spec, string sha256, IReadOnlyList<FeatureColumn>? fitted = null)
    {
        var report = new CleaningReport { RowsRead = table.Rows.Count };
        var treatmentIndex = table.ColumnIndex(spec.TreatmentColumn);
        var outcomeIndex = table.ColumnIndex(spec.OutcomeColumn);
        var revenueIndex = spec.RevenueColumn is null ? -1 : table.ColumnIndex(spec.RevenueColumn);
        var idIndex = spec.IdColumn is null ? -1 : table.ColumnIndex(spec.IdColumn);
        foreach (var named in (spec.ExcludedColumns ?? []).Concat(spec.CategoricalColumns ?? []))
        {
            table.ColumnIndex(named);
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenRows = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<int>();
        var treated = new List<bool>();
        var outcome = new List<bool>();
        var revenue = new List<double>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var repeatsRow = !seenRows.Add(string.Join('\u001f', row));
            if (repeatsRow)
            {
                report.ExactDuplicateRows++;
            }

            if ((idIndex >= 0 && !seenIds.Add(row[idIndex])) || (spec.DedupeRows && repeatsRow))
            {
                report.DuplicatesRemoved++;
                continue;
            }

            var arm = row[treatmentIndex].Trim();
            bool? isTreated = arm == spec.ControlValue ? false
                : IsMissing(arm) ? null
                : spec.TreatedValues is null || spec.TreatedValues.Contains(arm) ? true
                : null;
            var label = ParseOutcome(table, r, outcomeIndex);
            if (isTreated is null || label is null)
            {
                report.RowsWithoutTreatmentOrOutcome++;
                continue;
            }

            kept.Add(r);
            treated.Add(isTreated.Value);
            outcome.Add(label.Value);
            revenue.Add(revenueIndex < 0 ? (label.Value ? 1 : 0) : ParseRevenue(table, r, revenueIndex));
        }

        report.RowsKept = kept.Count;
        if (kept.Count == 0)
        {
            throw new CsvFormatException($"{table.Source}: no row has a known treatment ('{spec.ControlValue}' or treated) and outcome.");
        }

        if (!treated.Contains(true) || !treated.Contains(false))
        {
            throw new CsvFormatException(
                $"{table.Source}: column '{spec.TreatmentColumn}' must hold both the control value '{spec.ControlValue}' and treated values.");
        }

        var (columns, features) = fitted is null ? Fit(table, kept, spec, report) : (fitted, Encode(table, kept, fitted));
        return new CampaignData(
            columns, features, treated.ToArray(), outcome.ToArray(), revenue.ToArray(),
            kept.Select(r => idIndex >= 0 ? table.Rows[r][idIndex] : table.LineNumbers[r].ToString(CultureInfo.InvariantCulture)).ToArray(),
            report, sha256);
    }

    private static (IReadOnlyList<FeatureColumn> Columns, float[][] Features) Fit(CsvTable table, List<int> kept, CampaignSpec spec, CleaningReport report)
    {
        var columns = new List<FeatureColumn>();
        var values = new List<float[]>();
        var excludedColumns = spec.NonFeatureColumns;
        var categorical = new HashSet<string>(spec.CategoricalColumns ?? [], StringComparer.Ordinal);
        for (var c = 0; c < table.Header.Count; c++)
        {
            var name = table.Header[c];
            if (excludedColumns.Contains(name))
            {
                continue;
            }

            var raw = kept.Select(r => table.Rows[r][c]).ToArray();
            var nonMissing = raw.Where(value => !IsMissing(value)).ToArray();
            if (!categorical.Contains(name) && nonMissing.Length > 0 && nonMissing.All(value => TryNumber(value, out _)))
            {
                var (column, encoded) = EncodeNumeric(name, raw, report);
                columns.Add(column);
                values.Add(encoded);
            }
            else
            {
                foreach (var (column, encoded) in EncodeCategorical(name, raw, report))
                {
                    columns.Add(column);
                    values.Add(encoded);
                }
            }
        }

        var features = new float[kept.Count][];
        for (var i = 0; i < kept.Count; i++)
        {
            features[i] = new float[columns.Count];
            for (var f = 0; f < columns.Count; f++)
            {
                features[i][f] = values[f][i];
            }
        }

        return (columns, features);
    }

    /// <summary>
    /// The model inputs of <paramref name="rows"/> of a new file under columns fitted elsewhere: a missing number takes
    /// the fitted median, numbers are clipped and scaled as fitted, a category not seen in fitting counts as
    /// <c>(other)</c>. A column the model needs and the file lacks, text where a number is needed, or a categorical
    /// column none of whose values was seen in fitting (another coding, e.g. words for numbers) stops with the file,
    /// line and column.
    /// </summary>
    public static float[][] Encode(CsvTable table, IReadOnlyList<int> rows, IReadOnlyList<FeatureColumn> columns)
    {
        var sources = columns.Select(column => column.SourceColumn).Distinct(StringComparer.Ordinal).ToList();
        var missingColumns = sources.Where(source => !table.HasColumn(source)).ToList();
        if (missingColumns.Count > 0)
        {
            throw new CsvFormatException(
                $"{table.Source}: the model needs column{(missingColumns.Count > 1 ? "s" : "")} {string.Join(", ", missingColumns.Select(c => $"'{c}'"))}, which the header lacks; the header has {string.Join(", ", table.Header)}.");
        }

        var knownLevels = columns.Where(column => column.Kind == FeatureColumn.OneHot)
            .GroupBy(column => column.SourceColumn, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(column => column.Category!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (source, levels) in knownLevels)
        {
            var index = table.ColumnIndex(source);
            var present = rows.Select(r => table.Rows[r][index]).Where(value => !IsMissing(value)).ToList();
            if (present.Count > 0 && present.All(value => !levels.Contains(value.Trim())))
            {
                throw new CsvFormatException(
                    $"{table.Source}, column '{source}': no value was seen when the model was fitted (e.g. '{present[0].Trim()}'; fitted: {string.Join(", ", levels.Order(StringComparer.Ordinal))}) — is it coded differently?");
            }
        }

        var sourceIndex = columns.Select(column => table.ColumnIndex(column.SourceColumn)).ToArray();
        var features = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = table.Rows[rows[i]];
            features[i] = new float[columns.Count];
            for (var f = 0; f < columns.Count; f++)
            {
                var column = columns[f];
                var value = row[sourceIndex[f]];
                if (column.Kind == FeatureColumn.OneHot)
                {
                    var level = IsMissing(value) ? MissingLevel : value.Trim();
                    level = knownLevels[column.SourceColumn].Contains(level) ? level : OtherLevel;
                    features[i][f] = level == column.Category ? 1 : 0;
                }
                else if (IsMissing(value))
                {
                    features[i][f] = column.Transform(double.NaN);
                }
                else
                {
                    features[i][f] = TryNumber(value, out var number)
                        ? column.Transform(number)
                        : throw CsvFormatException.At(table.Source, table.LineNumbers[rows[i]], column.SourceColumn, $"'{value}' is not a number.");
                }
            }
        }

        return features;
    }

    private static bool? ParseOutcome(CsvTable table, int row, int column)
    {
        var value = table.Rows[row][column].Trim();
        if (IsMissing(value))
        {
            return null;
        }

        if (TryNumber(value, out var number))
        {
            return number > 0;
        }

        return value.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "Y" => true,
            "FALSE" or "NO" or "N" => false,
            _ => throw CsvFormatException.At(table.Source, table.LineNumbers[row], table.Header[column],
                $"'{value}' is not an outcome: use a number (> 0 = success) or true/false."),
        };
    }

    private static double ParseRevenue(CsvTable table, int row, int column)
    {
        var value = table.Rows[row][column];
        if (IsMissing(value))
        {
            return 0;
        }

        return TryNumber(value, out var number)
            ? number
            : throw CsvFormatException.At(table.Source, table.LineNumbers[row], table.Header[column], $"'{value}' is not a number.");
    }

    private static (FeatureColumn Column, float[] Values) EncodeNumeric(string name, string[] raw, CleaningReport report)
    {
        var numbers = raw.Select(value => TryNumber(value, out var number) ? number : double.NaN).ToArray();
        var present = numbers.Where(number => !double.IsNaN(number)).Order().ToArray();
        var median = Quantile(present, 0.5);
        var low = Quantile(present, 0.01);
        var high = Quantile(present, 0.99);
        var missing = numbers.Count(double.IsNaN);
        if (missing > 0)
        {
            report.MissingImputed[name] = missing;
        }

        // Two-valued columns (flags) have no outliers to clip.
        var clipped = present.Distinct().Count() <= 2 ? 0 : numbers.Count(number => number < low || number > high);
        if (clipped > 0)
        {
            report.OutliersClipped[name] = clipped;
        }
        else
        {
            (low, high) = (double.NegativeInfinity, double.PositiveInfinity);
        }

        var cleaned = numbers.Select(number => Math.Clamp(double.IsNaN(number) ? median : number, low, high)).ToArray();
        var mean = cleaned.Average();
        var deviation = Math.Sqrt(cleaned.Sum(value => (value - mean) * (value - mean)) / cleaned.Length);
        var column = new FeatureColumn(name, name, FeatureColumn.Numeric, null, median, low, high, mean, deviation > 0 ? deviation : 1);
        return (column, numbers.Select(column.Transform).ToArray());
    }

    private static IEnumerable<(FeatureColumn Column, float[] Values)> EncodeCategorical(string name, string[] raw, CleaningReport report)
    {
        var levels = raw.Select(value => IsMissing(value) ? MissingLevel : value.Trim()).ToArray();
        var missing = levels.Count(level => level == MissingLevel);
        if (missing > 0)
        {
            report.MissingCategory[name] = missing;
        }

        var top = levels.GroupBy(level => level, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(MaxCategories).Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        var mapped = levels.Select(level => top.Contains(level) ? level : OtherLevel).ToArray();
        foreach (var level in mapped.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            yield return (
                new FeatureColumn($"{name}={level}", name, FeatureColumn.OneHot, level, 0, 0, 1, 0, 1),
                mapped.Select(value => value == level ? 1f : 0f).ToArray());
        }
    }

    /// <summary>Linear interpolation between order statistics (type 7, as R and NumPy default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
