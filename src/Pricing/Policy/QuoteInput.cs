using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// Everything one quote's decision needs: the customer as of now, the request's context, the lines to price, how many
/// discounted offers the customer has left today, when the quotes expire (budget is reserved until then), the quote's
/// own random draws for exploration, and whether its decisions go to the decision log.
/// </summary>
/// <param name="Logged">
/// Whether the caller logs the decisions (the silo's decision log is on and writable). Exploration draws (a campaign's
/// included) and the policy's distribution exist for the log alone: an unlogged quote is not explored (it would cost
/// profit, and a campaign's budget, and teach nothing) and carries no <see cref="PriceDecision.Policy"/>.
/// </param>
public sealed record QuoteInput(
    CustomerFeatureSnapshot Customer,
    QuoteContext Context,
    IReadOnlyList<QuoteLine> Lines,
    int DiscountedOffersLeft,
    DateTimeOffset ExpiresAt,
    Random Random,
    bool Logged);
