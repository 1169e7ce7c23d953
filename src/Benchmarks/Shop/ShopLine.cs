namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// One quoted SKU judged with the true response: expected profit of the served level, of the oracle's best allowed
/// level, of list price and of a blanket 10% coupon; expected discount spend of the served and oracle levels; and what
/// the customer did; <c>Explored</c> when the level was a random exploration draw, not the model's choice;
/// <c>KindInformed</c> the true expected profit of the level a policy knowing only the customer's kind and tastes picks;
/// <c>HistoryInformed</c> that of the level a policy knowing the tastes and what the history tells of the kind picks;
/// <c>ShadowArm</c> when a shadow version on trial priced the quote (the round then prints each arm's true expected profit);
/// <c>QuoteId</c> and <c>Sku</c> find the line's decision in the cluster's log; <c>ServedSales</c>, <c>ListSales</c> and
/// <c>BlanketSales</c> the expected sales (revenue) at the served level, at list price and under the blanket coupon;
/// <c>HistoryInformedSpend</c> the expected discount spend of the level the policy reading the history picks.
/// </summary>
internal sealed record ShopLine(
    int Quote, string Kind, string CustomerId, double Served, double Oracle, double List, double Blanket, double ServedSpend, double OracleSpend,
    double Discount, double OracleDiscount, bool Bought, double RealizedRevenue, double RealizedProfit, bool Explored, double KindInformed, double HistoryInformed, bool ShadowArm,
    string QuoteId, string Sku, double ServedSales, double ListSales, double BlanketSales, double HistoryInformedSpend);
