using System.Globalization;
using System.Text;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>The decision log's CSV form: the header, and one line per decision (RFC 4180 quoting, invariant numbers).</summary>
public static class DecisionLogCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "decision_id", "timestamp", "customer_id", "sku", "channel", "category", "list_price", "unit_cost", "floor_price",
        "max_discount", "available", "demand_per_day", "days_since_last_purchase", "days_since_last_event", "decayed_purchases",
        "decayed_spend", "decayed_views", "decayed_cart_adds", "lifetime_purchases", "lifetime_spend", "average_order_value",
        "category_affinity", "offers_seen", "offers_redeemed", "discount", "propensity", "model", "purchased",
    ];

    public static string Header => string.Join(',', Columns);

    public static string Format(DecisionRecord record)
    {
        var c = record.Customer;
        var p = record.Product;
        string[] fields =
        [
            record.DecisionId, record.Timestamp.ToString("O", CultureInfo.InvariantCulture), record.CustomerId, p.Sku, record.Context.Channel,
            p.Category, Number(p.ListPrice), Number(p.UnitCost), Number(p.FloorPrice), Number(p.MaxDiscount), Number(p.Available),
            Number(p.DemandPerDay), c.DaysSinceLastPurchase is { } r ? Number(r) : "", c.DaysSinceLastEvent is { } e ? Number(e) : "",
            Number(c.DecayedPurchases), Number(c.DecayedSpend), Number(c.DecayedViews), Number(c.DecayedCartAdds),
            Number(c.LifetimePurchases), Number(c.LifetimeSpend), Number(c.AverageOrderValue), Number(c.AffinityFor(p.Category)),
            Number(c.OffersSeen), Number(c.OffersRedeemed), Number(record.Discount), Number(record.Propensity), record.Model,
            record.Purchased is { } bought ? (bought ? "1" : "0") : "",
        ];
        return string.Join(',', fields.Select(Quote));
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

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : new StringBuilder("\"").Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
}
