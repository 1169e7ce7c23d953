namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Discount money a quote may promise: what is free now, and a reservation that either takes the whole amount until
/// the quote expires or nothing. Implementations are thread-safe, so <see cref="Free"/> is only a hint and
/// <see cref="TryReserve"/> is the decision.
/// </summary>
public interface IDiscountBudget
{
    decimal Free { get; }

    bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt);
}
