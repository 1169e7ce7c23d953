using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Grains.Customers;

[GenerateSerializer, Alias("grains.customer-state")]
public sealed class CustomerState
{
    [Id(0)] public CustomerFeatures Features { get; set; } = new();
    [Id(1)] public DuplicateEventFilter AppliedEvents { get; set; } = new();

    // Ids 3, 4, 8 and 10: the quote counts a state written before 2026-12-01 kept itself; the grain moves them into
    // QuoteCounters (QuoteCounters.TakeFrom) on the first activation that finds no counters stored, and they stay empty.

    /// <summary>Before 2026-12-01: the UTC day <see cref="DiscountedOffersToday"/> counted for (now <see cref="QuoteCounters"/>).</summary>
    [Id(3)] public DateOnly OffersDay { get; set; }

    /// <summary>Before 2026-12-01 (now <see cref="QuoteCounters"/>).</summary>
    [Id(4)] public int DiscountedOffersToday { get; set; }

    /// <summary>Orders already recorded as purchases (order id → when), so a replay is not counted twice.</summary>
    [Id(5)] public Dictionary<string, DateTimeOffset> RecordedOrders { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public int EventsApplied { get; set; }

    /// <summary>Before 2026-12-01 (now <see cref="QuoteCounters"/>).</summary>
    [Id(8)] public Dictionary<string, int> CampaignOffersToday { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Signed quotes claimed by orders (quote id → order), kept a day past their expiry so each is honoured once.</summary>
    [Id(9)] public Dictionary<string, UsedQuote> UsedQuotes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether an order of <paramref name="lines"/> is model-priced (<see cref="CustomerFeatures.ModelPricedPurchases"/>):
    /// a line took a claimed quote below list price whose level a model chose. An order on exploration draws alone is the
    /// customer's own answer to a random discount, and one on quotes at list price is their own purchase at the shop's
    /// price: no discount won it. A quoted line not found among the claims counts as a model's choice.
    /// </summary>
    public bool IsModelPriced(IEnumerable<PurchasedLine> lines) =>
        lines.Any(line => line.QuoteId is { } quoteId && IsDiscounted(line) && !(UsedQuotes.TryGetValue(quoteId, out var used) && used.Explored));

    /// <summary>Whether <paramref name="line"/> was bought below its list price, by the order's own rule (rounding is no discount).</summary>
    public static bool IsDiscounted(PurchasedLine line) => CustomerEvent.DiscountBelowList(line.ListPrice, line.UnitPrice) > 0;

    /// <summary>Before 2026-12-01 (now <see cref="QuoteCounters"/>).</summary>
    [Id(10)] public int QuotingActivations { get; set; }

    /// <summary>
    /// The per-customer key of the decision log's pseudonym (HMAC-SHA256 of the customer id under this key), made at the
    /// first quote. Only this state holds it: erasing the customer makes the logged rows unlinkable.
    /// </summary>
    [Id(11)] public byte[]? PseudonymKey { get; set; }

    /// <summary>When the customer was erased, if ever: quotes issued before are refused.</summary>
    [Id(12)] public DateTimeOffset? ErasedAt { get; set; }
}
