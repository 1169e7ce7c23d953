using System.Globalization;
using nietras.SeparatedValues;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>The decision log's CSV form (docs/decision-log.md): columns, rows written with Sep (RFC 4180 quoting), invariant numbers.</summary>
public static class DecisionLogCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "decision_id", "timestamp", "customer_id", "sku", "channel", "category", "list_price", "unit_cost", "floor_price",
        "max_discount", "available", "demand_per_day", "days_since_last_purchase", "days_since_last_event", "decayed_purchases",
        "decayed_spend", "decayed_views", "decayed_cart_adds", "lifetime_purchases", "lifetime_spend", "average_order_value",
        "category_affinity", "offers_seen", "offers_redeemed", "discount", "propensity", "model", "purchased",
    ];

    /// <summary>The columns of a silo's purchase log: which decision an order line honoured, and when.</summary>
    public static IReadOnlyList<string> PurchaseColumns { get; } = ["decision_id", "order_id", "timestamp"];

    /// <summary>A header line; column names need no quoting.</summary>
    public static string HeaderOf(IReadOnlyList<string> columns) => string.Join(',', columns);

    /// <summary>
    /// A CSV writer (Sep, RFC 4180 quoting) over <paramref name="text"/> that writes rows only: the caller writes the
    /// header once, when the file is new, so that a log can be appended to across restarts.
    /// </summary>
    public static SepWriter RowWriter(TextWriter text) =>
        Sep.New(',').Writer(options => options with { Escape = true, WriteHeader = false }).To(text, leaveOpen: true);

    public static void WriteDecision(SepWriter writer, DecisionRecord record)
    {
        var c = record.Customer;
        var p = record.Product;
        using var row = writer.NewRow();
        row["decision_id"].Set(record.DecisionId);
        row["timestamp"].Set(record.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        row["customer_id"].Set(record.CustomerId);
        row["sku"].Set(p.Sku);
        row["channel"].Set(record.Context.Channel);
        row["category"].Set(p.Category);
        row["list_price"].Set(Number(p.ListPrice));
        row["unit_cost"].Set(Number(p.UnitCost));
        row["floor_price"].Set(Number(p.FloorPrice));
        row["max_discount"].Set(Number(p.MaxDiscount));
        row["available"].Set(Number(p.Available));
        row["demand_per_day"].Set(Number(p.DemandPerDay));
        row["days_since_last_purchase"].Set(c.DaysSinceLastPurchase is { } r ? Number(r) : "");
        row["days_since_last_event"].Set(c.DaysSinceLastEvent is { } e ? Number(e) : "");
        row["decayed_purchases"].Set(Number(c.DecayedPurchases));
        row["decayed_spend"].Set(Number(c.DecayedSpend));
        row["decayed_views"].Set(Number(c.DecayedViews));
        row["decayed_cart_adds"].Set(Number(c.DecayedCartAdds));
        row["lifetime_purchases"].Set(Number(c.LifetimePurchases));
        row["lifetime_spend"].Set(Number(c.LifetimeSpend));
        row["average_order_value"].Set(Number(c.AverageOrderValue));
        row["category_affinity"].Set(Number(c.AffinityFor(p.Category)));
        row["offers_seen"].Set(Number(c.OffersSeen));
        row["offers_redeemed"].Set(Number(c.OffersRedeemed));
        row["discount"].Set(Number(record.Discount));
        row["propensity"].Set(Number(record.Propensity));
        row["model"].Set(record.Model);
        row["purchased"].Set(record.Purchased is { } bought ? (bought ? "1" : "0") : "");
    }

    public static void WritePurchase(SepWriter writer, string decisionId, string orderId, DateTimeOffset at)
    {
        using var row = writer.NewRow();
        row["decision_id"].Set(decisionId);
        row["order_id"].Set(orderId);
        row["timestamp"].Set(at.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>A whole decision-log file: the header, then one row per record.</summary>
    public static void WriteDecisions(TextWriter text, IEnumerable<DecisionRecord> records)
    {
        text.WriteLine(HeaderOf(Columns));
        using var writer = RowWriter(text);
        foreach (var record in records)
        {
            WriteDecision(writer, record);
        }
    }

    /// <summary>Rebuilds a record from the fields of one line, in <see cref="Columns"/> order. Throws FormatException naming the column.</summary>
    public static DecisionRecord Parse(IReadOnlyList<string> fields)
    {
        if (fields.Count != Columns.Count)
        {
            throw new FormatException($"expected {Columns.Count} fields, found {fields.Count}.");
        }

        string Text(int i) => fields[i];
        double Real(int i) => double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"column '{Columns[i]}': '{fields[i]}' is not a number.");
        double? OptionalReal(int i) => fields[i].Length == 0 ? null : Real(i);
        decimal Money(int i) => (decimal)Real(i);
        int Whole(int i) => int.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"column '{Columns[i]}': '{fields[i]}' is not a whole number.");

        var timestamp = DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"column 'timestamp': '{fields[1]}' is not a timestamp.");
        var product = new ProductFacts(Text(3), Text(5), Money(6), Money(7), Money(8), Real(9), Whole(10), Real(11));
        var customer = new CustomerFeatureSnapshot(
            timestamp, OptionalReal(12), OptionalReal(13), Real(14), Real(15), Real(16), Real(17), Whole(18), Money(19), Money(20),
            new Dictionary<string, double>(StringComparer.Ordinal) { [product.Category] = Real(21) }, Whole(22), Whole(23));
        var propensity = Real(25);
        if (propensity is <= 0 or > 1)
        {
            throw new FormatException($"column 'propensity': {propensity} is not a probability in (0, 1].");
        }

        bool? purchased = fields[27] switch
        {
            "" => null,
            "1" or "true" => true,
            "0" or "false" => false,
            var other => throw new FormatException($"column 'purchased': '{other}' is not 0, 1 or empty."),
        };
        return new DecisionRecord(Text(0), timestamp, Text(2), new QuoteContext(Text(4), timestamp), product, customer,
            Real(24), propensity, Text(26), purchased);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
