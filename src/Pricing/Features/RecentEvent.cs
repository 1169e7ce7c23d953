namespace OrleansPricing.Pricing.Features;

/// <summary>
/// One of a customer's most recent events as the customer grain keeps it for the sequence encoder: what happened, in
/// which category, the amount paid and the discount received (purchases; 0 otherwise), and when.
/// </summary>
public sealed record RecentEvent(DateTimeOffset At, CustomerEventType Type, string? Category, decimal Amount, decimal DiscountAmount)
{
    /// <summary>Discount received as a share of the list value bought (0 without a purchase or discount).</summary>
    public double DiscountDepth => Amount + DiscountAmount > 0 ? (double)(DiscountAmount / (Amount + DiscountAmount)) : 0;

    /// <summary>Newest first; ties by type, category and amounts, so a window kept in any arrival order is the same window.</summary>
    public static int NewestFirst(RecentEvent a, RecentEvent b)
    {
        var order = b.At.CompareTo(a.At);
        order = order != 0 ? order : a.Type.CompareTo(b.Type);
        order = order != 0 ? order : string.CompareOrdinal(a.Category, b.Category);
        order = order != 0 ? order : a.Amount.CompareTo(b.Amount);
        return order != 0 ? order : a.DiscountAmount.CompareTo(b.DiscountAmount);
    }
}
