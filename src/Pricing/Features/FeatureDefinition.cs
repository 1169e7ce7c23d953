namespace OrleansPricing.Pricing.Features;

/// <summary>
/// The one definition of the model input vector: names, order, units and normalization. Serving (the quote path) and
/// training (the learning pipeline) both call <see cref="Write"/>, so they cannot disagree. Changing anything here means a
/// new <see cref="Version"/>; model files name the version they were trained on and are refused on a mismatch.
/// docs/features.md documents it and a test keeps the two in step.
/// </summary>
public static class FeatureDefinition
{
    public const string Version = "pricing-features/v2";

    /// <summary>Recency is capped here; a customer who never bought counts as this many days.</summary>
    public const double RecencyCapDays = 365;

    public static IReadOnlyList<FeatureSpec> Features { get; } =
    [
        new("recency", "customer", "days since last purchase, capped at 365 (never bought = 365)", "ln(1+days)/ln(366)"),
        new("frequency", "customer", "purchases, decayed (half-life Purchases), times the share of lifetime purchases no model's discount won", "ln(1+x)"),
        new("monetary", "customer", "spend in currency units, decayed (half-life Spend)", "ln(1+x)"),
        new("views", "customer", "product views, decayed (half-life Views)", "ln(1+x)"),
        new("cart_adds", "customer", "cart adds, decayed (half-life CartAdds)", "ln(1+x)"),
        new("category_affinity", "customer x product", "share of the customer's decayed interest in the product's category", "none, in [0,1]"),
        new("price_to_aov", "customer x product", "list price / customer's average order value (new customer: 1)", "ln(1+x)"),
        new("redemption_rate", "customer", "discounted offers redeemed / shown", "(redeemed+1)/(shown+2)"),
        new("is_new_customer", "customer", "no purchase yet", "0 or 1"),
        new("log_list_price", "product", "list price in currency units", "ln(1+x)"),
        new("demand_rate", "product", "units sold per day, decayed (half-life Demand)", "ln(1+x)"),
        new("channel_app", "context", "quote asked from the app", "0 or 1"),
        new("channel_email", "context", "quote asked from an email campaign", "0 or 1"),
        new("discounted_purchase_share", "customer", "of the purchases no model's discount won, those made with a discount / them (none: 0)", "none, in [0,1]"),
        new("discount_depth", "customer", "discounted_purchase_share times the depth of the discounted ones: their discount received / their list value (none: 0)", "none, in [0,1]"),
        new("cart_abandonment", "customer", "max(0, cart adds - purchases) / (1 + cart adds), both decayed", "none, in [0,1)"),
        new("discount", "decision", "discount as a fraction of list price", "none, in [0,1]"),
        new("discount_x_redemption", "decision x customer", "discount times redemption_rate", "product"),
        new("discount_x_new", "decision x customer", "discount times is_new_customer", "product"),
        new("discount_x_cart", "decision x customer", "discount times cart_adds", "product"),
        new("discount_x_discounted_share", "decision x customer", "discount times discounted_purchase_share", "product"),
        new("discount_x_depth", "decision x customer", "discount times discount_depth", "product"),
    ];

    public static int Count => Features.Count;

    public static IReadOnlyList<string> Names { get; } = Features.Select(feature => feature.Name).ToArray();

    /// <summary>
    /// The depth the customer usually paid when they paid below list price, from a feature row: discount_depth /
    /// discounted_purchase_share, clamped to [0, <see cref="MaxUsualDepth"/>]; 0 without a discounted purchase. The
    /// interaction model's reference terms and aimed exploration both read it (in single precision, as the ONNX graph
    /// computes it).
    /// </summary>
    public static float UsualDepth(ReadOnlySpan<float> row) =>
        Math.Clamp(row[DiscountDepthColumn] / MathF.Max(row[DiscountedShareColumn], UsualDepthShareFloor), 0f, MaxUsualDepth);

    /// <summary>The usual depth is clamped here: the shares are decayed counts, and a ratio of two small ones may say more than it knows.</summary>
    public const float MaxUsualDepth = 0.6f;

    /// <summary>Divides the depth by at least this share; a customer without discounted purchases has a depth of 0, so a usual depth of 0.</summary>
    public const float UsualDepthShareFloor = 1e-6f;

    /// <summary>A usual depth this far from a grid level still counts as at it: half a step of a 5% grid, so that a depth of cents-rounded amounts either side of a level is that level.</summary>
    public const float UsualDepthMargin = 0.025f;

    /// <summary>The column of the candidate discount; every column before it describes the customer, product and context.</summary>
    public static int DiscountColumn { get; } = IndexOf("discount");

    /// <summary>The share of the customer's purchases made with a discount.</summary>
    public static int DiscountedShareColumn { get; } = IndexOf("discounted_purchase_share");

    /// <summary>The discount received over spend and discount received (the mean depth over every purchase).</summary>
    public static int DiscountDepthColumn { get; } = IndexOf("discount_depth");

    public static int IndexOf(string name) =>
        Names.ToList().IndexOf(name) is >= 0 and var index ? index : throw new ArgumentException($"No feature '{name}' in {Version}.", nameof(name));

    /// <summary>Writes the model input row for one customer, product, context and candidate discount.</summary>
    public static void Write(
        Span<float> row, CustomerFeatureSnapshot customer, ProductFacts product, QuoteContext context, double discount)
    {
        if (row.Length != Count)
        {
            throw new ArgumentException($"A feature row has {Count} values, got a span of {row.Length}.", nameof(row));
        }

        var recencyDays = Math.Min(customer.DaysSinceLastPurchase ?? RecencyCapDays, RecencyCapDays);
        var isNew = customer.IsNewCustomer ? 1.0 : 0.0;
        var averageOrderValue = (double)customer.AverageOrderValue;
        var priceToAov = averageOrderValue > 0 ? (double)product.ListPrice / averageOrderValue : 1.0;
        var redemption = customer.SmoothedRedemptionRate;
        var cartAdds = Math.Log(1 + customer.DecayedCartAdds);

        row[0] = (float)(Math.Log(1 + recencyDays) / Math.Log(1 + RecencyCapDays));
        row[1] = (float)Math.Log(1 + customer.OwnDecayedPurchases);
        row[2] = (float)Math.Log(1 + customer.DecayedSpend);
        row[3] = (float)Math.Log(1 + customer.DecayedViews);
        row[4] = (float)cartAdds;
        row[5] = (float)customer.AffinityFor(product.Category);
        row[6] = (float)Math.Log(1 + priceToAov);
        row[7] = (float)redemption;
        row[8] = (float)isNew;
        row[9] = (float)Math.Log(1 + (double)product.ListPrice);
        row[10] = (float)Math.Log(1 + Math.Max(0, product.DemandPerDay));
        row[11] = context.Channel == QuoteContext.App ? 1f : 0f;
        row[12] = context.Channel == QuoteContext.Email ? 1f : 0f;
        row[13] = (float)customer.DiscountedPurchaseShare;
        row[14] = (float)customer.MeanDiscountDepth;
        row[15] = (float)customer.CartAbandonment;
        row[16] = (float)discount;
        row[17] = (float)(discount * redemption);
        row[18] = (float)(discount * isNew);
        row[19] = (float)(discount * cartAdds);
        row[20] = (float)(discount * customer.DiscountedPurchaseShare);
        row[21] = (float)(discount * customer.MeanDiscountDepth);
    }
}
