using System.Runtime.InteropServices;

namespace OrleansPricing.Pricing.Features;

/// <summary>
/// The live behavioural picture of one customer, updated by every applied event.
/// Counters decay on event time, so applying the same events in any order gives the same features.
/// </summary>
public sealed class CustomerFeatures
{
    /// <summary>Categories beyond this many keep only the strongest; bounds state size for very broad shoppers.</summary>
    public const int MaxTrackedCategories = 32;

    /// <summary>How many of the newest events the sequence encoder sees (<see cref="RecentEvents"/>).</summary>
    public const int RecentEventWindow = 16;

    private static readonly Comparer<RecentEvent> NewestFirst = Comparer<RecentEvent>.Create(RecentEvent.NewestFirst);

    public DateTimeOffset? FirstSeenAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public DateTimeOffset? LastPurchaseAt { get; set; }
    public int LifetimePurchases { get; set; }
    public decimal LifetimeSpend { get; set; }
    public DecayedCounter Views { get; set; }
    public DecayedCounter CartAdds { get; set; }
    public DecayedCounter Purchases { get; set; }
    public DecayedCounter Spend { get; set; }
    public Dictionary<string, DecayedCounter> CategoryInterest { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Discounted quote lines (one SKU each) the cluster showed the customer.</summary>
    public int OffersSeen { get; set; }

    /// <summary>Order lines that took one of the cluster's discounted quotes: the answers to <see cref="OffersSeen"/>.</summary>
    public int OffersRedeemed { get; set; }

    /// <summary>
    /// Purchases made with a discount that no model of the cluster chose: the shop's own sales (a purchase event's amount
    /// below the list price it was seen at, an order without a quoted line) and orders on exploration draws alone. Until
    /// 2026-12-03 it counted every order on the cluster's discounted quotes (see <see cref="ModelPricedPurchases"/>).
    /// Null in a state written before 2026-12-01, which counted all of them in <see cref="OffersRedeemed"/>
    /// (<see cref="CountsWrittenBeforeTheyWereKeptApart"/>); grain storage writes this class as JSON, so a missing
    /// property is how such a state reads.
    /// </summary>
    public int? DiscountedPurchases { get; set; }

    /// <summary>The discount money of <see cref="DiscountedPurchases"/>: list value less what was paid.</summary>
    public decimal DiscountReceived { get; set; }

    /// <summary>
    /// What the <see cref="DiscountedPurchases"/> cost the customer, so that the depth of their discounts is read against
    /// those purchases' own list value (<see cref="CustomerFeatureSnapshot.MeanDiscountDepth"/>). Null where it was not
    /// kept: a state written before 2026-12-05 whose customer had a discounted purchase by then (and a state without one,
    /// until its first, whose cost is then the whole of it).
    /// </summary>
    public decimal? DiscountedSpend { get; set; }

    /// <summary>
    /// Purchases (orders) placed on quotes below list price whose level a model of the cluster chose — not an exploration
    /// draw. The discount-affinity share and depth leave them and their <see cref="ModelPricedSpend"/> out, so that they
    /// tell how the customer buys where no model set the price: the shop's own sales and the answers to random levels. Why:
    /// counted in, a model's discounts made a customer whom a discount does not move look deal-prone, and the next model
    /// discounted them again; left out with the exploration draws' answers too, the loop lost the deal hunters whose
    /// histories say little (docs/learning.md, "Purchases on the levels the models chose"). Their answers stay the
    /// redemption rate's. An order on a model's quote at list price is the customer's own since 2026-12-06: no discount won
    /// it, and left out, the customers who buy most at the shop's price read as rare buyers (docs/learning.md, "Purchases
    /// at list price on the models' quotes"). 0 in a state written before 2026-12-03, whose share and depth read as they
    /// were written.
    /// </summary>
    public int ModelPricedPurchases { get; set; }

    /// <summary>What the <see cref="ModelPricedPurchases"/> cost the customer.</summary>
    public decimal ModelPricedSpend { get; set; }

    /// <summary>The newest <see cref="RecentEventWindow"/> events and purchases, newest first (bounded state).</summary>
    public List<RecentEvent> RecentEvents { get; set; } = [];

    /// <summary>Applies one (already de-duplicated) event.</summary>
    public void Apply(CustomerEvent e, FeatureHalfLives halfLives)
    {
        FirstSeenAt = Min(FirstSeenAt, e.Timestamp);
        LastEventAt = Max(LastEventAt, e.Timestamp);
        switch (e.Type)
        {
            case CustomerEventType.View:
                Remember(new RecentEvent(e.Timestamp, e.Type, e.Category, 0, 0));
                Views = Views.Add(1, e.Timestamp, halfLives.Views);
                AddInterest(e.Category, 1, e.Timestamp, halfLives);
                break;
            case CustomerEventType.Cart:
                Remember(new RecentEvent(e.Timestamp, e.Type, e.Category, 0, 0));
                CartAdds = CartAdds.Add(Math.Max(1, e.Quantity), e.Timestamp, halfLives.CartAdds);
                // A cart add says more about taste than a view.
                AddInterest(e.Category, 3, e.Timestamp, halfLives);
                break;
            case CustomerEventType.Purchase:
                // A purchase the shop reports on its own prices: its discount answers none of the cluster's quotes (one
                // paid at a live discounted quote's price is that quote's answer instead: ApplyAnswer).
                RecordPurchase(e.Timestamp, e.Amount, e.DiscountAmount, [e.Category], halfLives, offersRedeemed: 0, modelPriced: false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Type, "Unknown event type.");
        }
    }

    /// <summary>
    /// Takes back a cart add of <paramref name="units"/> made at <paramref name="at"/> (and applied) because the customer
    /// then bought what they carted: a cart add that ends in a purchase is part of that purchase, which the purchase
    /// counters hold. Counted as well, a storefront that reports a cart add before every order made whoever buys most — at
    /// list price or on the cluster's discounts — read as a cart-heavy shopper, and the second shop world lost 3.7 points
    /// (docs/learning.md, "A storefront that reports views and cart adds around the quotes"). The category interest the
    /// cart add showed stays.
    /// </summary>
    public void TakeBackCartAdd(DateTimeOffset at, int units, FeatureHalfLives halfLives)
    {
        var left = CartAdds.Add(-Math.Max(1, units), at, halfLives.CartAdds);
        // Never below nothing: decaying and adding back in floating point may leave a trace of the other sign.
        CartAdds = left.Value < 0 ? left with { Value = 0 } : left;
    }

    /// <summary>
    /// Applies one (already de-duplicated) purchase event paid at the price of the cluster's discounted quote line then
    /// live for its SKU: a redeemed offer, and a model-priced purchase unless the level was an exploration draw
    /// (<paramref name="explored"/>) — as an order citing that line's token counts.
    /// </summary>
    public void ApplyAnswer(CustomerEvent purchase, FeatureHalfLives halfLives, bool explored)
    {
        if (purchase.Type != CustomerEventType.Purchase)
        {
            throw new ArgumentException($"Only a purchase answers a quote, not a {purchase.Type}.", nameof(purchase));
        }

        RecordPurchase(purchase.Timestamp, purchase.Amount, purchase.DiscountAmount, [purchase.Category], halfLives, offersRedeemed: 1, modelPriced: !explored);
    }

    /// <summary>
    /// Records one purchase (one order) that may span several categories. An order on a quote whose level a model chose
    /// (<paramref name="modelPriced"/>) is a model-priced purchase; any other purchase with a discount is a discounted
    /// purchase. Its lines that took the cluster's discounted quotes (<paramref name="offersRedeemed"/>) are redeemed
    /// offers, the numerator of the redemption rate whose denominator counts the cluster's discounted quote lines.
    /// </summary>
    public void RecordPurchase(
        DateTimeOffset at, decimal amount, decimal discountAmount, IEnumerable<string?> categories, FeatureHalfLives halfLives, int offersRedeemed, bool modelPriced)
    {
        KeepDiscountedPurchasesApart();
        FirstSeenAt = Min(FirstSeenAt, at);
        LastEventAt = Max(LastEventAt, at);
        LastPurchaseAt = Max(LastPurchaseAt, at);
        LifetimePurchases++;
        LifetimeSpend += amount;
        Purchases = Purchases.Add(1, at, halfLives.Purchases);
        Spend = Spend.Add((double)amount, at, halfLives.Spend);
        string? firstCategory = null;
        foreach (var category in categories)
        {
            firstCategory ??= category;
            AddInterest(category, 5, at, halfLives);
        }

        Remember(new RecentEvent(at, CustomerEventType.Purchase, firstCategory, amount, discountAmount));

        if (modelPriced)
        {
            ModelPricedPurchases++;
            ModelPricedSpend += amount;
        }
        else if (discountAmount > 0)
        {
            DiscountedSpend = KnownDiscountedSpend() + amount;
            DiscountedPurchases++;
            DiscountReceived += discountAmount;
        }

        OffersRedeemed += offersRedeemed;
    }

    /// <summary>Counts discounted offers shown to the customer (the denominator of the redemption rate).</summary>
    public void RecordOffersShown(int discountedOffers)
    {
        KeepDiscountedPurchasesApart();
        OffersSeen += discountedOffers;
    }

    /// <summary>
    /// How counts written before 2026-12-01 read (a grain state, a decision log): they counted every discounted purchase,
    /// the shop's own sales too, as a redeemed offer — those are the discounted purchases, and at most as many offers as
    /// the customer was shown can have been redeemed.
    /// </summary>
    public static (int Redeemed, int Discounted) CountsWrittenBeforeTheyWereKeptApart(int offersSeen, int offersRedeemed) =>
        (Math.Min(offersRedeemed, offersSeen), offersRedeemed);

    /// <summary>What the discounted purchases cost: 0 before the first, unknown in a state that had some before it was kept.</summary>
    private decimal? KnownDiscountedSpend() => DiscountedSpend ?? (Counts().Discounted == 0 ? 0m : null);

    private (int Redeemed, int Discounted) Counts() =>
        DiscountedPurchases is { } discounted ? (OffersRedeemed, discounted) : CountsWrittenBeforeTheyWereKeptApart(OffersSeen, OffersRedeemed);

    /// <summary>
    /// Settles counts written before 2026-12-01 (<see cref="CountsWrittenBeforeTheyWereKeptApart"/>) against the
    /// <see cref="OffersSeen"/> they were written with; a no-op for counts written since.
    /// </summary>
    public void KeepDiscountedPurchasesApart() => (OffersRedeemed, DiscountedPurchases) = Counts();

    /// <summary>The features as they stand at <paramref name="now"/>, decayed to that instant.</summary>
    public CustomerFeatureSnapshot Snapshot(DateTimeOffset now, FeatureHalfLives halfLives)
    {
        // One dictionary a snapshot (every quote takes one), each counter decayed once: the values and their total, then
        // each value divided by the total in place.
        var affinity = new Dictionary<string, double>(CategoryInterest.Count, StringComparer.Ordinal);
        var totalInterest = 0.0;
        foreach (var (category, counter) in CategoryInterest)
        {
            var interest = counter.ValueAt(now, halfLives.CategoryAffinity);
            affinity[category] = interest;
            totalInterest += interest;
        }

        if (totalInterest > 0)
        {
            foreach (var category in CategoryInterest.Keys)
            {
                CollectionsMarshal.GetValueRefOrNullRef(affinity, category) /= totalInterest;
            }
        }
        else
        {
            affinity.Clear();
        }

        var (redeemed, discountedPurchases) = Counts();
        return new CustomerFeatureSnapshot(
            AsOf: now,
            DaysSinceLastPurchase: LastPurchaseAt is { } lastPurchase ? Math.Max(0, (now - lastPurchase).TotalDays) : null,
            DaysSinceLastEvent: LastEventAt is { } lastEvent ? Math.Max(0, (now - lastEvent).TotalDays) : null,
            DecayedPurchases: Purchases.ValueAt(now, halfLives.Purchases),
            DecayedSpend: Spend.ValueAt(now, halfLives.Spend),
            DecayedViews: Views.ValueAt(now, halfLives.Views),
            DecayedCartAdds: CartAdds.ValueAt(now, halfLives.CartAdds),
            LifetimePurchases: LifetimePurchases,
            LifetimeSpend: LifetimeSpend,
            AverageOrderValue: LifetimePurchases > 0 ? LifetimeSpend / LifetimePurchases : 0m,
            CategoryAffinity: affinity,
            OffersSeen: OffersSeen,
            OffersRedeemed: redeemed,
            DiscountReceived: DiscountReceived,
            RecentEvents: RecentEvents.ToArray(),
            DiscountedPurchases: discountedPurchases,
            ModelPricedPurchases: ModelPricedPurchases,
            ModelPricedSpend: ModelPricedSpend,
            DiscountedSpend: KnownDiscountedSpend());
    }

    /// <summary>Keeps the event if it is among the newest <see cref="RecentEventWindow"/> (events may arrive out of order).</summary>
    private void Remember(RecentEvent recent)
    {
        var at = RecentEvents.BinarySearch(recent, NewestFirst);
        RecentEvents.Insert(at < 0 ? ~at : at, recent);
        if (RecentEvents.Count > RecentEventWindow)
        {
            RecentEvents.RemoveAt(RecentEvents.Count - 1);
        }
    }

    private void AddInterest(string? category, double weight, DateTimeOffset at, FeatureHalfLives halfLives)
    {
        if (string.IsNullOrEmpty(category))
        {
            return;
        }

        CategoryInterest[category] = CategoryInterest.TryGetValue(category, out var counter)
            ? counter.Add(weight, at, halfLives.CategoryAffinity)
            : DecayedCounter.Empty.Add(weight, at, halfLives.CategoryAffinity);

        if (CategoryInterest.Count > MaxTrackedCategories)
        {
            var reference = LastEventAt ?? at;
            var weakest = CategoryInterest
                .OrderBy(pair => pair.Value.ValueAt(reference, halfLives.CategoryAffinity))
                .ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .First().Key;
            CategoryInterest.Remove(weakest);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value <= candidate ? value : candidate;

    private static DateTimeOffset Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value >= candidate ? value : candidate;
}
