using OrleansPricing.Pricing.Learning;
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

        // The same reader as the learning service's fairness report.
        ProtectedAttributes attributes;
        try
        {
            attributes = ProtectedAttributes.Read(options.ProtectedPath, options.ProtectedIdColumn ?? options.Spec.IdColumn ?? "id");
        }
        catch (FormatException exception)
        {
            throw new CsvFormatException(exception.Message, exception);
        }

        var columns = options.ProtectedColumns ?? attributes.Attributes;
        foreach (var unknown in columns.Where(name => !attributes.Attributes.Contains(name)))
        {
            throw new CsvFormatException(
                $"{Path.GetFileName(options.ProtectedPath)}: no column '{unknown}'; the header has {string.Join(", ", attributes.Attributes)}.");
        }

        var scores = Uplift(model.Predict(all.Features));
        var rows = new List<FairnessRow>();
        foreach (var (policyName, fraction) in policies)
        foreach (var name in columns)
        {
            var targeted = PolicyValue.TreatTop(scores, fraction);
            var groups = Enumerable.Range(0, all.Count)
                .GroupBy(i => attributes.GroupOf(all.Ids[i], name), StringComparer.Ordinal)
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
