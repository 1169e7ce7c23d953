using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// Everything one quote's decision needs: the customer as of now, the request's context, the lines to price, how many
/// discounted offers the customer has left today, when the quotes expire (budget is reserved until then), and the
/// quote's own random draws for exploration.
/// </summary>
public sealed record QuoteInput(
    CustomerFeatureSnapshot Customer,
    QuoteContext Context,
    IReadOnlyList<QuoteLine> Lines,
    int DiscountedOffersLeft,
    DateTimeOffset ExpiresAt,
    Random Random);
