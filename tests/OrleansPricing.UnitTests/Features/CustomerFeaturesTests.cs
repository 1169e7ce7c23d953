using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Features;

public sealed class CustomerFeaturesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeatureHalfLives HalfLives = new();

    private static CustomerEvent Event(string id, CustomerEventType type, DateTimeOffset at, string? category = "shoes", decimal amount = 0) =>
        new(id, type, "SKU-1", category, 1, amount, at);

    /// <summary>Purchases of 40 at T0 and 60 ten days later, at list price.</summary>
    private static CustomerFeatures TwoPurchases()
    {
        var features = new CustomerFeatures();
        features.Apply(Event("a", CustomerEventType.Purchase, T0, amount: 40), HalfLives);
        features.Apply(Event("b", CustomerEventType.Purchase, T0.AddDays(10), amount: 60), HalfLives);
        return features;
    }

    /// <summary>The shop's own purchases: one paid below list price at T0, one at list price a day later.</summary>
    private static CustomerFeatures SaleThenListPurchase(decimal salePaid, decimal saleDiscount, decimal listPaid)
    {
        var features = new CustomerFeatures();
        features.Apply(new CustomerEvent("sale", CustomerEventType.Purchase, "SKU-1", "shoes", 1, salePaid, T0, DiscountAmount: saleDiscount), HalfLives);
        features.Apply(new CustomerEvent("list", CustomerEventType.Purchase, "SKU-2", "shoes", 1, listPaid, T0.AddDays(1)), HalfLives);
        return features;
    }

    [Fact]
    public void Purchases_build_recency_frequency_and_monetary_value()
    {
        var features = TwoPurchases();

        var snapshot = features.Snapshot(T0.AddDays(40), HalfLives);

        Assert.Equal(30, snapshot.DaysSinceLastPurchase!.Value, 9);
        Assert.Equal(2, snapshot.LifetimePurchases);
        Assert.Equal(100m, snapshot.LifetimeSpend);
        Assert.Equal(50m, snapshot.AverageOrderValue);
        var expectedFrequency = Math.Pow(0.5, 40 / 90.0) + Math.Pow(0.5, 30 / 90.0);
        Assert.Equal(expectedFrequency, snapshot.DecayedPurchases, 9);
        var expectedSpend = 40 * Math.Pow(0.5, 40 / 90.0) + 60 * Math.Pow(0.5, 30 / 90.0);
        Assert.Equal(expectedSpend, snapshot.DecayedSpend, 9);
        Assert.False(snapshot.IsNewCustomer);
    }

    [Fact]
    public void Views_and_cart_adds_decay_with_their_own_half_lives()
    {
        // Half-lives unlike each other and every other counter's, so a counter decayed by another's would show.
        var halfLives = new FeatureHalfLives { Views = TimeSpan.FromDays(10), CartAdds = TimeSpan.FromDays(20) };
        var features = new CustomerFeatures();
        features.Apply(Event("v", CustomerEventType.View, T0), halfLives);
        features.Apply(Event("c", CustomerEventType.Cart, T0), halfLives);

        var snapshot = features.Snapshot(T0.AddDays(20), halfLives);

        Assert.Equal(0.25, snapshot.DecayedViews, 12);
        Assert.Equal(0.5, snapshot.DecayedCartAdds, 12);
        Assert.True(snapshot.IsNewCustomer);
        Assert.Null(snapshot.DaysSinceLastPurchase);
        Assert.Equal(20, snapshot.DaysSinceLastEvent!.Value, 9);
    }

    [Fact]
    public void A_cart_add_taken_back_leaves_the_others_as_they_were_and_never_less_than_none()
    {
        CustomerFeatures Carted()
        {
            var features = new CustomerFeatures();
            features.Apply(Event("c1", CustomerEventType.Cart, T0), HalfLives);
            features.Apply(Event("c2", CustomerEventType.Cart, T0.AddDays(3)) with { Quantity = 2 }, HalfLives);
            features.Apply(Event("v1", CustomerEventType.View, T0.AddDays(3), "apparel"), HalfLives);
            return features;
        }

        var carted = Carted();
        var first = new CustomerFeatures();
        first.Apply(Event("c1", CustomerEventType.Cart, T0), HalfLives);

        carted.TakeBackCartAdd(T0.AddDays(3), 2, HalfLives);

        var snapshot = carted.Snapshot(T0.AddDays(10), HalfLives);
        Assert.Equal(first.Snapshot(T0.AddDays(10), HalfLives).DecayedCartAdds, snapshot.DecayedCartAdds, 12);
        // The interest the cart adds showed stays: shoes weigh against apparel as they did before the take-back.
        Assert.Equal(Carted().Snapshot(T0.AddDays(10), HalfLives).CategoryAffinity["shoes"], snapshot.CategoryAffinity["shoes"], 12);

        carted.TakeBackCartAdd(T0, 1, HalfLives);
        carted.TakeBackCartAdd(T0, 1, HalfLives);
        Assert.Equal(0.0, carted.Snapshot(T0.AddDays(10), HalfLives).DecayedCartAdds);
    }

    [Fact]
    public void Category_affinity_is_the_share_of_weighted_interest()
    {
        var features = new CustomerFeatures();
        features.Apply(Event("v1", CustomerEventType.View, T0, "shoes"), HalfLives);      // weight 1
        features.Apply(Event("c1", CustomerEventType.Cart, T0, "apparel"), HalfLives);    // weight 3

        var snapshot = features.Snapshot(T0, HalfLives);

        Assert.Equal(0.25, snapshot.AffinityFor("shoes"), 12);
        Assert.Equal(0.75, snapshot.AffinityFor("apparel"), 12);
        Assert.Equal(0, snapshot.AffinityFor("home"));
    }

    [Fact]
    public void Out_of_order_events_give_the_same_features_as_in_order()
    {
        var events = new[]
        {
            Event("1", CustomerEventType.View, T0, "shoes"),
            Event("2", CustomerEventType.Cart, T0.AddDays(1), "shoes"),
            Event("3", CustomerEventType.Purchase, T0.AddDays(2), "shoes", 80),
            Event("4", CustomerEventType.View, T0.AddDays(5), "home"),
            Event("5", CustomerEventType.Purchase, T0.AddDays(20), "home", 20),
        };
        var inOrder = new CustomerFeatures();
        foreach (var e in events)
        {
            inOrder.Apply(e, HalfLives);
        }

        var reversed = new CustomerFeatures();
        foreach (var e in events.Reverse())
        {
            reversed.Apply(e, HalfLives);
        }

        var now = T0.AddDays(30);
        var a = inOrder.Snapshot(now, HalfLives);
        var b = reversed.Snapshot(now, HalfLives);
        Assert.Equal(a.DecayedPurchases, b.DecayedPurchases, 12);
        Assert.Equal(a.DecayedSpend, b.DecayedSpend, 12);
        Assert.Equal(a.DecayedViews, b.DecayedViews, 12);
        Assert.Equal(a.DecayedCartAdds, b.DecayedCartAdds, 12);
        Assert.Equal(a.DaysSinceLastPurchase, b.DaysSinceLastPurchase);
        Assert.Equal(a.AffinityFor("home"), b.AffinityFor("home"), 12);
        Assert.Equal(T0, reversed.FirstSeenAt);
    }

    [Fact]
    public void Redemption_rate_is_laplace_smoothed()
    {
        var features = new CustomerFeatures();
        Assert.Equal(0.5, features.Snapshot(T0, HalfLives).SmoothedRedemptionRate, 12);

        features.RecordOffersShown(4);
        features.RecordPurchase(T0, 90, discountAmount: 10, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: true);

        var snapshot = features.Snapshot(T0, HalfLives);
        Assert.Equal(4, snapshot.OffersSeen);
        Assert.Equal(1, snapshot.OffersRedeemed);
        Assert.Equal(2.0 / 6.0, snapshot.SmoothedRedemptionRate, 12);
    }

    [Fact]
    public void A_discounted_purchase_outside_the_clusters_offers_redeems_none_of_them()
    {
        // Until 2026-12-01 every discounted purchase counted as a redeemed offer: a customer with three discounted purchases
        // from the shop's own sales and no offer shown had a "redemption rate" of (3 + 1) / (0 + 2) = 2.
        var features = new CustomerFeatures();
        for (var i = 0; i < 3; i++)
        {
            features.Apply(new CustomerEvent($"sale-{i}", CustomerEventType.Purchase, "SKU-1", "shoes", 1, 60m, T0.AddDays(i), DiscountAmount: 20m), HalfLives);
        }

        features.RecordOffersShown(2);
        features.RecordPurchase(T0.AddDays(4), 45m, 5m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: true);
        features.RecordPurchase(T0.AddDays(5), 50m, 0m, ["shoes"], HalfLives, offersRedeemed: 0, modelPriced: false);

        var snapshot = features.Snapshot(T0.AddDays(5), HalfLives);
        Assert.Equal((2, 1, 3, 5), (snapshot.OffersSeen, snapshot.OffersRedeemed, snapshot.DiscountedPurchases, snapshot.LifetimePurchases));
        Assert.Equal(2.0 / 4.0, snapshot.SmoothedRedemptionRate, 12);
        // Of the four purchases outside the cluster's quotes, three were discounted.
        Assert.Equal(3.0 / 4.0, snapshot.DiscountedPurchaseShare, 12);
    }

    [Fact]
    public void An_order_on_a_level_a_model_chose_leaves_the_discount_share_and_depth_to_the_other_purchases()
    {
        // Counted in, a model's own discounts made a customer a discount does not move look deal-prone to the next model.
        var features = SaleThenListPurchase(60m, 20m, 50m);
        var before = features.Snapshot(T0.AddDays(2), HalfLives);

        features.RecordOffersShown(1);
        features.RecordPurchase(T0.AddDays(2), 45m, 5m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: true);
        var after = features.Snapshot(T0.AddDays(2), HalfLives);

        Assert.Equal(0.5, before.DiscountedPurchaseShare, 12);
        Assert.Equal(0.5 * 20.0 / 80.0, before.MeanDiscountDepth, 12);
        Assert.Equal((before.DiscountedPurchaseShare, before.MeanDiscountDepth), (after.DiscountedPurchaseShare, after.MeanDiscountDepth));
        Assert.Equal((3, 155m, 1, 45m, 1), (after.LifetimePurchases, after.LifetimeSpend, after.ModelPricedPurchases, after.ModelPricedSpend, after.DiscountedPurchases));
        // The answer is the redemption rate's: one offer shown, one taken.
        Assert.Equal(2.0 / 3.0, after.SmoothedRedemptionRate, 12);

        // An order on an exploration draw is the customer's own answer to a random discount, and counts.
        features.RecordOffersShown(1);
        features.RecordPurchase(T0.AddDays(3), 30m, 10m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: false);
        var explored = features.Snapshot(T0.AddDays(3), HalfLives);
        Assert.Equal(2.0 / 3.0, explored.DiscountedPurchaseShare, 12);
        Assert.Equal(2.0 / 3.0 * 30.0 / 120.0, explored.MeanDiscountDepth, 12);
    }

    [Fact]
    public void A_purchase_event_that_answers_a_quote_counts_as_an_order_citing_its_token_would()
    {
        var features = SaleThenListPurchase(60m, 20m, 50m);
        features.RecordOffersShown(2);
        var paidAtQuote = new CustomerEvent("answer", CustomerEventType.Purchase, "SKU-3", "shoes", 1, 45m, T0.AddDays(2), DiscountAmount: 5m);

        features.ApplyAnswer(paidAtQuote, HalfLives, explored: false);
        var chosen = features.Snapshot(T0.AddDays(2), HalfLives);
        features.ApplyAnswer(paidAtQuote with { EventId = "explored", Timestamp = T0.AddDays(3) }, HalfLives, explored: true);
        var explored = features.Snapshot(T0.AddDays(3), HalfLives);

        // On a model's level: a redeemed offer and a model-priced purchase, left out of the share and depth.
        Assert.Equal((3, 1, 45m, 1, 1), (chosen.LifetimePurchases, chosen.ModelPricedPurchases, chosen.ModelPricedSpend, chosen.DiscountedPurchases, chosen.OffersRedeemed));
        Assert.Equal((0.5, 0.5 * 20.0 / 80.0), (chosen.DiscountedPurchaseShare, chosen.MeanDiscountDepth));
        // On an exploration draw: the customer's own answer to a random discount, a discounted purchase.
        Assert.Equal((4, 1, 2, 2), (explored.LifetimePurchases, explored.ModelPricedPurchases, explored.DiscountedPurchases, explored.OffersRedeemed));
        Assert.Equal(2.0 / 3.0, explored.DiscountedPurchaseShare, 12);
        Assert.Throws<ArgumentException>(() => features.ApplyAnswer(Event("view", CustomerEventType.View, T0), HalfLives, explored: false));
    }

    [Fact]
    public void The_depth_column_reads_the_discounts_against_the_discounted_purchases_own_list_value()
    {
        // Read against every purchase's list value, a 10.00 item bought at 25% off beside a 200.00 one at list price was
        // 1.2% deep, and the usual depth the segments read 2.4%.
        var features = SaleThenListPurchase(7.5m, 2.5m, 200m);

        var snapshot = features.Snapshot(T0.AddDays(1), HalfLives);

        Assert.Equal(7.5m, snapshot.DiscountedSpend);
        Assert.Equal(0.5 * 0.25, snapshot.MeanDiscountDepth, 12);
        var row = new float[FeatureDefinition.Count];
        FeatureDefinition.Write(row, snapshot, new ProductFacts("SKU-1", "shoes", 10m, 4m, 0m, 0.3, 10, 0), new QuoteContext("web", T0), 0);
        Assert.Equal(0.25f, FeatureDefinition.UsualDepth(row));

        // A state written before the cost was kept, whose customer had a discounted purchase by then, reads as it was
        // written, also after another; one without a discounted purchase by then keeps the cost from its first.
        var older = new CustomerFeatures { LifetimePurchases = 2, LifetimeSpend = 207.5m, DiscountedPurchases = 1, DiscountReceived = 2.5m };
        Assert.Equal(2.5 / 210.0, older.Snapshot(T0, HalfLives).MeanDiscountDepth, 12);
        older.RecordPurchase(T0, 15m, 5m, ["hats"], HalfLives, offersRedeemed: 0, modelPriced: false);
        var later = older.Snapshot(T0, HalfLives);
        Assert.Null(later.DiscountedSpend);
        Assert.Equal(7.5 / 230.0, later.MeanDiscountDepth, 12);
        var withoutDiscounts = new CustomerFeatures { LifetimePurchases = 1, LifetimeSpend = 200m, DiscountedPurchases = 0 };
        Assert.Equal(0m, withoutDiscounts.Snapshot(T0, HalfLives).DiscountedSpend);
        withoutDiscounts.RecordPurchase(T0, 7.5m, 2.5m, ["hats"], HalfLives, offersRedeemed: 0, modelPriced: false);
        Assert.Equal(0.5 * 0.25, withoutDiscounts.Snapshot(T0, HalfLives).MeanDiscountDepth, 12);
    }

    [Fact]
    public void The_frequency_column_counts_the_decayed_purchases_at_the_share_made_at_prices_no_model_chose()
    {
        // Counted in, the orders a model's discounts won made the customers they move look like frequent list-price buyers.
        var features = TwoPurchases();
        var own = features.Snapshot(T0.AddDays(40), HalfLives);
        Assert.Equal(own.DecayedPurchases, own.OwnDecayedPurchases, 12);

        features.RecordOffersShown(1);
        features.RecordPurchase(T0.AddDays(40), 45m, 5m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: true);
        var afterModelPriced = features.Snapshot(T0.AddDays(40), HalfLives);
        var decayed = Math.Pow(0.5, 40 / 90.0) + Math.Pow(0.5, 30 / 90.0) + 1;
        Assert.Equal(decayed, afterModelPriced.DecayedPurchases, 9);
        Assert.Equal(decayed * 2 / 3, afterModelPriced.OwnDecayedPurchases, 9);
        var row = new float[FeatureDefinition.Count];
        FeatureDefinition.Write(row, afterModelPriced, new ProductFacts("SKU-1", "shoes", 50m, 20m, 0m, 0.3, 10, 0), new QuoteContext("web", T0), 0);
        Assert.Equal((float)Math.Log(1 + (decayed * 2 / 3)), row[FeatureDefinition.IndexOf("frequency")]);

        // An order on an exploration draw is the customer's own answer to a random discount, and counts in full.
        features.RecordPurchase(T0.AddDays(40), 30m, 10m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: false);
        var afterExplored = features.Snapshot(T0.AddDays(40), HalfLives);
        Assert.Equal((decayed + 1) * 3 / 4, afterExplored.OwnDecayedPurchases, 9);
    }

    [Fact]
    public void A_state_written_before_discounted_purchases_were_kept_apart_reads_its_redeemed_offers_as_discounted_purchases()
    {
        // Such a state (grain storage's JSON without the property) counted every discounted purchase as a redeemed offer.
        var features = new CustomerFeatures { LifetimePurchases = 6, OffersSeen = 1, OffersRedeemed = 4 };

        var before = features.Snapshot(T0, HalfLives);
        features.RecordOffersShown(1);
        features.RecordPurchase(T0, 45m, 5m, ["shoes"], HalfLives, offersRedeemed: 1, modelPriced: true);
        var after = features.Snapshot(T0, HalfLives);

        Assert.Equal((1, 1, 4), (before.OffersSeen, before.OffersRedeemed, before.DiscountedPurchases));
        Assert.Equal((2, 2, 4), (after.OffersSeen, after.OffersRedeemed, after.DiscountedPurchases));
        Assert.Equal((2, 4), (features.OffersRedeemed, features.DiscountedPurchases));
    }

    [Fact]
    public void Category_tracking_is_bounded()
    {
        var features = new CustomerFeatures();
        for (var i = 0; i < CustomerFeatures.MaxTrackedCategories + 5; i++)
        {
            features.Apply(Event($"e{i}", CustomerEventType.View, T0.AddMinutes(i), $"cat-{i}"), HalfLives);
        }

        Assert.Equal(CustomerFeatures.MaxTrackedCategories, features.CategoryInterest.Count);
        Assert.DoesNotContain("cat-0", features.CategoryInterest.Keys);
    }

    [Fact]
    public void The_recent_event_window_keeps_the_newest_events_whatever_order_they_arrive_in()
    {
        var events = Enumerable.Range(0, 40).Select(i => Event($"e{i}", (CustomerEventType)(i % 2), T0.AddHours(i), $"cat-{i % 5}")).ToList();
        var inOrder = new CustomerFeatures();
        var shuffled = new CustomerFeatures();
        events.ForEach(e => inOrder.Apply(e, HalfLives));
        var arrival = events.ToArray();
        new Random(5).Shuffle(arrival);
        Array.ForEach(arrival, e => shuffled.Apply(e, HalfLives));
        inOrder.RecordPurchase(T0.AddHours(25.5), 30m, 10m, ["cat-1", "cat-2"], HalfLives, offersRedeemed: 1, modelPriced: true);
        shuffled.RecordPurchase(T0.AddHours(25.5), 30m, 10m, ["cat-1", "cat-2"], HalfLives, offersRedeemed: 1, modelPriced: true);

        var window = inOrder.Snapshot(T0.AddDays(3), HalfLives).Events;

        Assert.Equal(CustomerFeatures.RecentEventWindow, window.Count);
        Assert.Equal(window, shuffled.Snapshot(T0.AddDays(3), HalfLives).Events);
        // Newest first: hours 39 down to 25, with the order at 25.5 among them and hour 24 pushed out.
        Assert.Equal([.. Enumerable.Range(26, 14).Reverse().Select(h => T0.AddHours(h)), T0.AddHours(25.5), T0.AddHours(25)], window.Select(e => e.At));
        var order = window[^2];
        Assert.Equal((CustomerEventType.Purchase, "cat-1", 30m, 0.25), (order.Type, order.Category, order.Amount, order.DiscountDepth));
    }

    [Fact]
    public void The_event_sequence_writes_each_event_as_a_column_of_channels_newest_first()
    {
        var features = new CustomerFeatures();
        features.Apply(Event("v", CustomerEventType.View, T0, "shoes"), HalfLives);
        features.RecordPurchase(T0.AddDays(1), 60m, 20m, ["hats"], HalfLives, offersRedeemed: 1, modelPriced: true);
        var snapshot = features.Snapshot(T0.AddDays(3), HalfLives);
        var block = new float[EventSequence.Width];

        EventSequence.Write(block, snapshot, new ProductFacts("SKU-1", "shoes", 100m, 40m, 50m, 0.5, 10, 1));

        float At(int channel, int position) => block[channel * EventSequence.Length + position];
        // Position 0 is the purchase (newest): type, other category, amount at the average order (ln 2), depth 20/80, 2 days old, 1 day after the view.
        Assert.Equal([0f, 0f, 1f, 0f, (float)Math.Log(2), 0.25f, (float)(Math.Log(3) / Math.Log(366)), (float)(Math.Log(2) / Math.Log(366))],
            Enumerable.Range(0, EventSequence.Channels).Select(c => At(c, 0)));
        Assert.Equal([1f, 0f, 0f, 1f, 0f, 0f, (float)(Math.Log(4) / Math.Log(366)), 0f], Enumerable.Range(0, EventSequence.Channels).Select(c => At(c, 1)));
        Assert.Equal(8, block.Count(v => v != 0));
    }
}
