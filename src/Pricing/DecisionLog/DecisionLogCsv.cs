using System.Globalization;
using System.Text;
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
        "category_affinity", "offers_seen", "offers_redeemed", "discount_received", "discount", "propensity", "model", "purchased", "recent_events",
        "discounted_purchases", "trial_arm", "trial_levels_differ", "model_priced_purchases", "model_priced_spend",
        "exploration_cost", "explored_from", "policy", "discounted_spend",
    ];

    /// <summary>Columns a log written before they existed lacks; read as empty.</summary>
    public static IReadOnlySet<string> OptionalColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { "recent_events", "discounted_purchases", "trial_arm", "trial_levels_differ", "model_priced_purchases", "model_priced_spend", "exploration_cost", "explored_from", "policy", "discounted_spend" };

    /// <summary>The columns of a silo's purchase log: which decision an order line honoured, and when.</summary>
    public static IReadOnlyList<string> PurchaseColumns { get; } = ["decision_id", "order_id", "timestamp"];

    /// <summary>A header line; column names need no quoting.</summary>
    public static string HeaderOf(IReadOnlyList<string> columns) => string.Join(',', columns);

    /// <summary>
    /// A CSV writer (Sep, RFC 4180 quoting) over <paramref name="text"/> that writes rows only: the caller writes the
    /// header once, when the file is new, so that a log can be appended to across restarts.
    /// </summary>
    public static SepWriter RowWriter(TextWriter text) =>
        Sep.New(',').Writer(options => options with { Escape = true, WriteHeader = false, CultureInfo = CultureInfo.InvariantCulture }).To(text, leaveOpen: true);

    public static void WriteDecision(SepWriter writer, DecisionRecord record)
    {
        var c = record.Customer;
        var p = record.Product;
        // Numbers are formatted into the row (the writer's culture is the invariant one), not into strings of their own:
        // a silo logs every quote line (docs/benchmarks.md: "The decision log's rows, cut").
        using var row = writer.NewRow();
        row["decision_id"].Set(record.DecisionId);
        Timestamp(row["timestamp"], record.Timestamp);
        row["customer_id"].Set(record.CustomerId);
        row["sku"].Set(p.Sku);
        row["channel"].Set(record.Context.Channel);
        row["category"].Set(p.Category);
        row["list_price"].Format(p.ListPrice);
        row["unit_cost"].Format(p.UnitCost);
        row["floor_price"].Format(p.FloorPrice);
        row["max_discount"].Format(p.MaxDiscount);
        row["available"].Format(p.Available);
        row["demand_per_day"].Format(p.DemandPerDay);
        OptionalNumber(row["days_since_last_purchase"], c.DaysSinceLastPurchase);
        OptionalNumber(row["days_since_last_event"], c.DaysSinceLastEvent);
        row["decayed_purchases"].Format(c.DecayedPurchases);
        row["decayed_spend"].Format(c.DecayedSpend);
        row["decayed_views"].Format(c.DecayedViews);
        row["decayed_cart_adds"].Format(c.DecayedCartAdds);
        row["lifetime_purchases"].Format(c.LifetimePurchases);
        row["lifetime_spend"].Format(c.LifetimeSpend);
        row["average_order_value"].Format(c.AverageOrderValue);
        row["category_affinity"].Format(c.AffinityFor(p.Category));
        row["offers_seen"].Format(c.OffersSeen);
        row["offers_redeemed"].Format(c.OffersRedeemed);
        row["discount_received"].Format(c.DiscountReceived);
        row["discount"].Format(record.Discount);
        row["propensity"].Format(record.Propensity);
        row["model"].Set(record.Model);
        row["purchased"].Set(FlagText(record.Purchased));
        row["recent_events"].Set(RecentEventsOf(c, record.Timestamp));
        row["discounted_purchases"].Format(c.DiscountedPurchases);
        row["trial_arm"].Set(record.ShadowArm switch { true => ShadowArm, false => ActiveArm, null => "" });
        row["trial_levels_differ"].Set(FlagText(record.TrialLevelsDiffer));
        row["model_priced_purchases"].Format(c.ModelPricedPurchases);
        row["model_priced_spend"].Format(c.ModelPricedSpend);
        OptionalNumber(row["exploration_cost"], record.ExplorationCost);
        OptionalNumber(row["explored_from"], record.ExploredFrom);
        row["policy"].Set(record.Policy is { } policy ? PolicyOf(policy) : "");
        OptionalNumber(row["discounted_spend"], c.DiscountedSpend);
    }

    /// <summary>
    /// A policy's levels as <c>discount:probability</c> joined by ';', each probability to six significant digits (the
    /// logged level's full value is <c>propensity</c>): 132–134 characters on the shop simulation's nine levels. Formatted
    /// into a buffer of the writing thread, as the numbers of the row are.
    /// </summary>
    private static ReadOnlySpan<char> PolicyOf(IReadOnlyList<(double Discount, double Probability)> policy)
    {
        var buffer = t_policy ??= new char[256];
        while (true)
        {
            if (TryWritePolicy(buffer, policy, out var written))
            {
                return buffer.AsSpan(0, written);
            }

            buffer = t_policy = new char[buffer.Length * 2];
        }
    }

    private static bool TryWritePolicy(Span<char> text, IReadOnlyList<(double Discount, double Probability)> policy, out int written)
    {
        written = 0;
        for (var i = 0; i < policy.Count; i++)
        {
            if (!text[written..].TryWrite(CultureInfo.InvariantCulture, $"{(i > 0 ? ";" : "")}{policy[i].Discount:R}:{policy[i].Probability:G6}", out var entry))
            {
                return false;
            }

            written += entry;
        }

        return true;
    }

    [ThreadStatic]
    private static char[]? t_policy;

    /// <summary>
    /// A <c>policy</c> field read back, checked: each probability in [0, 1], their sum 1, and <paramref name="discount"/>
    /// among the levels at <paramref name="propensity"/> (both to the six digits written). Throws FormatException naming the column.
    /// </summary>
    private static IReadOnlyList<(double Discount, double Probability)> ParsePolicy(ReadOnlySpan<char> text, double discount, double propensity)
    {
        // Read in place: a run reads a policy on every decision of its window.
        var levels = new (double Discount, double Probability)[text.Count(';') + 1];
        var (sum, holdsLogged) = (0.0, false);
        for (var i = 0; i < levels.Length; i++)
        {
            var end = text.IndexOf(';');
            var entry = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            var colon = entry.IndexOf(':');
            if (colon < 0
                || !double.TryParse(entry[..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || level is not (>= 0 and < 1)
                || !double.TryParse(entry[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var probability) || probability is not (>= 0 and <= 1))
            {
                throw new FormatException($"column 'policy': '{entry}' is not discount:probability (a discount in [0, 1), a probability in [0, 1]).");
            }

            levels[i] = (level, probability);
            sum += probability;
            holdsLogged |= Math.Abs(level - discount) < 1e-12 && Math.Abs(probability - propensity) <= PolicyTolerance;
        }

        if (Math.Abs(sum - 1) > levels.Length * PolicyTolerance)
        {
            throw new FormatException($"column 'policy': the probabilities sum to {sum:R}, not 1.");
        }

        return holdsLogged ? levels : throw new FormatException($"column 'policy': no level at the logged discount {discount:R} with its propensity {propensity:R}.");
    }

    /// <summary>How far a probability written to six significant digits may be from its value (twice half a unit of the last digit below 1).</summary>
    private const double PolicyTolerance = 1e-6;

    private static string FlagText(bool? value) => value is { } set ? (set ? "1" : "0") : "";

    private const string ShadowArm = "shadow";
    private const string ActiveArm = "active";

    private static void OptionalNumber<T>(SepWriter.Col column, T? value)
        where T : struct, ISpanFormattable
    {
        if (value is { } number)
        {
            column.Format(number);
        }
        else
        {
            column.Set("");
        }
    }

    /// <summary>Round-trip ("O") form, formatted into the row.</summary>
    private static void Timestamp(SepWriter.Col column, DateTimeOffset at)
    {
        Span<char> text = stackalloc char[40];
        column.Set(at.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture) ? text[..written] : at.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <see cref="RecentEvents(IReadOnlyList{RecentEvent}, DateTimeOffset)"/>, formatted once for the lines of one quote
    /// (they share the customer's snapshot, and its window is most of a row's text) into a buffer of the writing thread.
    /// </summary>
    private static ReadOnlySpan<char> RecentEventsOf(CustomerFeatureSnapshot customer, DateTimeOffset at)
    {
        if (!ReferenceEquals(t_lastCustomer, customer) || t_lastAt != at || t_events is null)
        {
            var text = t_text ??= new StringBuilder();
            text.Clear();
            AppendRecentEvents(text, customer.Events, at);
            if (t_events is null || t_events.Length < text.Length)
            {
                t_events = new char[Math.Max(text.Length, 2 * (t_events?.Length ?? 128))];
            }

            text.CopyTo(0, t_events, text.Length);
            (t_lastCustomer, t_lastAt, t_eventsLength) = (customer, at, text.Length);
        }

        return t_events.AsSpan(0, t_eventsLength);
    }

    [ThreadStatic]
    private static CustomerFeatureSnapshot? t_lastCustomer;

    [ThreadStatic]
    private static DateTimeOffset t_lastAt;

    [ThreadStatic]
    private static StringBuilder? t_text;

    [ThreadStatic]
    private static char[]? t_events;

    [ThreadStatic]
    private static int t_eventsLength;

    /// <summary>
    /// The customer's newest events, newest first, as <c>type:seconds-before:amount:discount:category</c> joined by ';'
    /// (type v, c or p; the category percent-escaped), so a log stays one line per decision.
    /// </summary>
    public static string RecentEvents(IReadOnlyList<RecentEvent> events, DateTimeOffset at) =>
        AppendRecentEvents(new StringBuilder(), events, at).ToString();

    private static StringBuilder AppendRecentEvents(StringBuilder text, IReadOnlyList<RecentEvent> events, DateTimeOffset at)
    {
        foreach (var e in events)
        {
            text.Append(text.Length > 0 ? ";" : "")
                .Append(e.Type switch { CustomerEventType.View => 'v', CustomerEventType.Cart => 'c', _ => 'p' }).Append(':')
                .Append(CultureInfo.InvariantCulture, $"{(at - e.At).TotalSeconds:R}:{e.Amount}:{e.DiscountAmount}:")
                .Append(Uri.EscapeDataString(e.Category ?? ""));
        }

        return text;
    }

    /// <summary>The inverse of <see cref="RecentEvents(IReadOnlyList{RecentEvent}, DateTimeOffset)"/>.</summary>
    public static IReadOnlyList<RecentEvent> ParseRecentEvents(string text, DateTimeOffset at)
    {
        if (text.Length == 0)
        {
            return [];
        }

        return text.Split(';').Select(entry =>
        {
            var parts = entry.Split(':', 5);
            if (parts.Length != 5 || parts[0] is not ("v" or "c" or "p")
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds)
                || !decimal.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                || !decimal.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var discount))
            {
                throw new FormatException($"column 'recent_events': '{entry}' is not type:seconds:amount:discount:category.");
            }

            var type = parts[0] switch { "v" => CustomerEventType.View, "c" => CustomerEventType.Cart, _ => CustomerEventType.Purchase };
            var category = Uri.UnescapeDataString(parts[4]);
            return new RecentEvent(at - TimeSpan.FromSeconds(seconds), type, category.Length == 0 ? null : category, amount, discount);
        }).ToArray();
    }

    public static void WritePurchase(SepWriter writer, string decisionId, string orderId, DateTimeOffset at)
    {
        using var row = writer.NewRow();
        row["decision_id"].Set(decisionId);
        row["order_id"].Set(orderId);
        Timestamp(row["timestamp"], at);
    }

    /// <summary>
    /// Labelled records (a simulated log's) as a silo logs them: each decision unlabelled to <paramref name="decisions"/>,
    /// and a purchase a minute after each one bought to <paramref name="purchases"/>. Why: a log is labelled by the
    /// purchases that name its decisions, never by a record's own label, so records written without them read as ones
    /// no one bought.
    /// </summary>
    /// <returns>The purchases written: how many of the records were bought.</returns>
    public static int WriteAsLogged(SepWriter decisions, SepWriter purchases, IEnumerable<DecisionRecord> records)
    {
        var bought = 0;
        foreach (var record in records)
        {
            WriteDecision(decisions, record with { Purchased = null });
            if (record.Purchased == true)
            {
                WritePurchase(purchases, record.DecisionId, $"order-{record.DecisionId}", record.Timestamp.AddMinutes(1));
                bought++;
            }
        }

        return bought;
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

    /// <summary>
    /// Rebuilds a record from the fields of one line, in <see cref="Columns"/> order, its event window only when
    /// <paramref name="withRecentEvents"/>. Throws FormatException naming the column.
    /// </summary>
    public static DecisionRecord Parse(IReadOnlyList<string> fields, bool withRecentEvents = true)
    {
        if (fields.Count != Columns.Count)
        {
            throw new FormatException($"expected {Columns.Count} fields, found {fields.Count}.");
        }

        string Text(string column) => fields[IndexOf(column)];
        double Real(string column) => double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"column '{column}': '{Text(column)}' is not a number.");
        double? OptionalReal(string column) => Text(column).Length == 0 ? null : Real(column);
        decimal Money(string column) => (decimal)Real(column);
        // A log written before 2026-12-03 has no model-priced purchases: its share and depth read as they were served.
        int OptionalWhole(string column) => Text(column).Length == 0 ? 0 : Whole(column);
        decimal OptionalMoney(string column) => Text(column).Length == 0 ? 0m : Money(column);
        int Whole(string column) => int.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"column '{column}': '{Text(column)}' is not a whole number.");

        var timestamp = DateTimeOffset.TryParse(Text("timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"column 'timestamp': '{Text("timestamp")}' is not a timestamp.");
        var product = new ProductFacts(
            Text("sku"), Text("category"), Money("list_price"), Money("unit_cost"), Money("floor_price"), Real("max_discount"),
            Whole("available"), Real("demand_per_day"));
        var (redeemed, discounted) = Text("discounted_purchases").Length == 0
            ? CustomerFeatures.CountsWrittenBeforeTheyWereKeptApart(Whole("offers_seen"), Whole("offers_redeemed"))
            : (Whole("offers_redeemed"), Whole("discounted_purchases"));
        var customer = new CustomerFeatureSnapshot(
            timestamp, OptionalReal("days_since_last_purchase"), OptionalReal("days_since_last_event"), Real("decayed_purchases"),
            Real("decayed_spend"), Real("decayed_views"), Real("decayed_cart_adds"), Whole("lifetime_purchases"), Money("lifetime_spend"),
            Money("average_order_value"), new Dictionary<string, double>(StringComparer.Ordinal) { [product.Category] = Real("category_affinity") },
            Whole("offers_seen"), redeemed, Money("discount_received"),
            withRecentEvents ? ParseRecentEvents(Text("recent_events"), timestamp) : null, discounted,
            OptionalWhole("model_priced_purchases"), OptionalMoney("model_priced_spend"),
            Text("discounted_spend").Length == 0 ? null : Money("discounted_spend"));
        var propensity = Real("propensity");
        if (propensity is <= 0 or > 1)
        {
            throw new FormatException($"column 'propensity': {propensity} is not a probability in (0, 1].");
        }

        bool? ReadFlag(string column) => Text(column) switch
        {
            "" => null,
            "1" or "true" => true,
            "0" or "false" => false,
            var other => throw new FormatException($"column '{column}': '{other}' is not 0, 1 or empty."),
        };
        var purchased = ReadFlag("purchased");
        bool? shadowArm = Text("trial_arm") switch
        {
            "" => null,
            ShadowArm => true,
            ActiveArm => false,
            var other => throw new FormatException($"column 'trial_arm': '{other}' is not {ShadowArm}, {ActiveArm} or empty."),
        };
        // A draw writes both; a log of 2026-12-04 written before explored_from existed holds the cost alone.
        var (explorationCost, exploredFrom) = (OptionalReal("exploration_cost"), OptionalReal("explored_from"));
        if (exploredFrom is not null && explorationCost is null)
        {
            throw new FormatException($"column 'explored_from': '{Text("explored_from")}' is set where 'exploration_cost' is empty; an exploration draw writes both.");
        }

        var discount = Real("discount");
        return new DecisionRecord(Text("decision_id"), timestamp, Text("customer_id"), new QuoteContext(Text("channel"), timestamp), product, customer,
            discount, propensity, Text("model"), purchased)
        {
            ShadowArm = shadowArm, TrialLevelsDiffer = ReadFlag("trial_levels_differ"), ExplorationCost = explorationCost, ExploredFrom = exploredFrom,
            Policy = Text("policy").Length == 0 ? null : ParsePolicy(Text("policy"), discount, propensity),
        };
    }

    private static int IndexOf(string column) => ColumnIndex[column];

    private static readonly Dictionary<string, int> ColumnIndex =
        Columns.Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
}
