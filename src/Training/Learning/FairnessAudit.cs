using OrleansPricing.Training.Data;
using OrleansPricing.Training.Metrics;
using static OrleansPricing.Training.Learning.UpliftPredictions;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// Who each targeting policy reaches, by protected attribute: the attributes come from a separate file joined by id
/// and are never model inputs.
/// </summary>
public sealed class FairnessAudit(UpliftOptions options)
{
    public IReadOnlyList<FairnessRow> Audit(IUpliftModel model, CampaignData all, IReadOnlyList<(string Policy, double Fraction)> policies)
    {
        if (options.ProtectedPath is null)
        {
            return [];
        }

        var table = CsvTable.Read(options.ProtectedPath);
        var idColumn = table.ColumnIndex(options.ProtectedIdColumn ?? options.Spec.IdColumn ?? "id");
        var columns = (options.ProtectedColumns ?? table.Header.Where((_, i) => i != idColumn).ToList())
            .Select(name => (name, index: table.ColumnIndex(name))).ToList();
        var byId = table.Rows.GroupBy(row => row[idColumn], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scores = Uplift(model.Predict(all.Features));
        var rows = new List<FairnessRow>();
        foreach (var (policyName, fraction) in policies)
        foreach (var (name, index) in columns)
        {
            var targeted = PolicyValue.TreatTop(scores, fraction);
            var groups = Enumerable.Range(0, all.Count)
                .GroupBy(i => byId.TryGetValue(all.Ids[i], out var row) ? row[index] : "(unknown)", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var rate = group.Average(i => targeted[i] ? 1.0 : 0.0);
                rows.Add(new FairnessRow(policyName, name, group.Key, group.Count(), rate, rate * options.Discount,
                    group.Average(i => all.Outcome[i] ? 1.0 : 0.0)));
            }
        }

        return rows;
    }
}
