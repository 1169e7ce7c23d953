namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// Every quoted line of a run, round by round, with what the simulation alone knows of it — the customer's kind, the
/// oracle's level, each policy's true expected profit and the kinds' posterior given the customer's history — written
/// beside the run's decision log (<c>lines.csv</c>), whose rows it joins by <c>decision_id</c>: so that where a round's
/// discounts go can be read against the features the service logged for them (docs/learning.md, "Where the unmoved
/// kinds' discounts go, line by line").
/// </summary>
internal static class ShopLineFile
{
    public const string FileName = "lines.csv";

    public static void Write(string path, IReadOnlyList<ShopRound> rounds, IReadOnlyList<ShopCustomerKind> kinds, IReadOnlyDictionary<string, IReadOnlyList<double>> posteriors)
    {
        using var writer = ShopCsv.Writer(path);
        foreach (var round in rounds)
        {
            foreach (var line in round.Lines)
            {
                using var row = writer.NewRow();
                row["round"].Format(round.Number);
                row["decision_id"].Set(line.QuoteId);
                row["quote"].Format(line.Quote);
                row["customer_id"].Set(line.CustomerId);
                row["kind"].Set(line.Kind);
                row["sku"].Set(line.Sku);
                row["discount"].Format(line.Discount);
                row["oracle_discount"].Format(line.OracleDiscount);
                row["explored"].Set(line.Explored ? "true" : "false");
                row["shadow_arm"].Set(line.ShadowArm ? "true" : "false");
                row["bought"].Set(line.Bought ? "true" : "false");
                row["served_profit"].Format(line.Served);
                row["oracle_profit"].Format(line.Oracle);
                row["list_profit"].Format(line.List);
                row["blanket_profit"].Format(line.Blanket);
                row["kind_informed_profit"].Format(line.KindInformed);
                row["history_informed_profit"].Format(line.HistoryInformed);
                row["served_spend"].Format(line.ServedSpend);
                row["oracle_spend"].Format(line.OracleSpend);
                row["history_informed_spend"].Format(line.HistoryInformedSpend);
                var posterior = posteriors[line.CustomerId];
                for (var k = 0; k < kinds.Count; k++)
                {
                    row[$"posterior_{kinds[k].Name}"].Format(posterior[k]);
                }
            }
        }
    }
}
