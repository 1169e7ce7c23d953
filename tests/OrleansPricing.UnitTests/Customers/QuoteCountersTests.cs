using OrleansPricing.Grains.Customers;

namespace OrleansPricing.UnitTests.Customers;

public sealed class QuoteCountersTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static CustomerState Written(DateOnly day, int offers, int activations, int seen)
    {
        var state = new CustomerState { OffersDay = day, DiscountedOffersToday = offers, QuotingActivations = activations, CampaignOffersToday = { ["c"] = offers } };
        state.Features.OffersSeen = seen;
        return state;
    }

    [Fact]
    public void Counts_are_taken_out_of_a_state_that_kept_them_once()
    {
        var counters = new QuoteCounters();
        var written = Written(Today, 4, 3, 7);
        written.Features.OffersRedeemed = 9; // written before 2026-12-01: every discounted purchase counted as a redeemed offer

        Assert.True(counters.TakeFrom(written));
        Assert.False(counters.TakeFrom(written));
        Assert.Equal((Today, 4, 3, 7, 4), (counters.OffersDay, counters.DiscountedOffersToday, counters.QuotingActivations, counters.OffersSeen, counters.CampaignOffersToday["c"]));
        Assert.Equal((default, 0, 0, 0), (written.OffersDay, written.DiscountedOffersToday, written.QuotingActivations, written.CampaignOffersToday.Count));
        // Settled against the 7 offers it was written with: at most 7 redeemed, 9 discounted purchases.
        Assert.Equal((7, 9), (written.Features.OffersRedeemed, written.Features.DiscountedPurchases));
    }

    [Fact]
    public void Redeemed_offers_counted_with_every_discounted_purchase_are_settled_even_without_other_counts()
    {
        var counters = new QuoteCounters();
        var written = new CustomerState();
        (written.Features.OffersRedeemed, written.Features.LifetimePurchases) = (3, 3); // the shop's own sales, before 2026-12-01

        Assert.True(counters.TakeFrom(written));
        Assert.Equal((0, 3), (written.Features.OffersRedeemed, written.Features.DiscountedPurchases));
        Assert.False(counters.TakeFrom(written));
    }

    [Fact]
    public void A_state_without_counts_of_its_own_gives_none()
    {
        var counters = new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 2, OffersSeen = 5 };
        var written = new CustomerState();
        written.Features.OffersSeen = 5; // the copy a main state is written with

        Assert.False(counters.TakeFrom(written));
        Assert.Equal((2, 5), (counters.DiscountedOffersToday, counters.OffersSeen));
    }

    [Fact]
    public void Counts_written_on_both_sides_merge_by_the_larger_and_the_later_day()
    {
        var sameDay = new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 3, QuotingActivations = 5, OffersSeen = 10, CampaignOffersToday = { ["c"] = 6 } };
        var dayBefore = new QuoteCounters { OffersDay = Today.AddDays(-1), DiscountedOffersToday = 5, QuotingActivations = 1, OffersSeen = 2 };
        var dayAfter = new QuoteCounters { OffersDay = Today.AddDays(1), DiscountedOffersToday = 1, QuotingActivations = 9, OffersSeen = 20 };

        Assert.True(sameDay.TakeFrom(Written(Today, 4, 2, 6)));
        Assert.True(dayBefore.TakeFrom(Written(Today, 4, 2, 6)));
        Assert.True(dayAfter.TakeFrom(Written(Today, 4, 2, 6)));

        Assert.Equal((Today, 4, 5, 10, 6), (sameDay.OffersDay, sameDay.DiscountedOffersToday, sameDay.QuotingActivations, sameDay.OffersSeen, sameDay.CampaignOffersToday["c"]));
        Assert.Equal((Today, 4, 2, 6, 4), (dayBefore.OffersDay, dayBefore.DiscountedOffersToday, dayBefore.QuotingActivations, dayBefore.OffersSeen, dayBefore.CampaignOffersToday["c"]));
        Assert.Equal((Today.AddDays(1), 1, 9, 20), (dayAfter.OffersDay, dayAfter.DiscountedOffersToday, dayAfter.QuotingActivations, dayAfter.OffersSeen));
    }

    [Fact]
    public void A_discounted_quote_writes_only_past_what_is_held_and_then_holds_ahead_within_the_cap()
    {
        var counters = new QuoteCounters();
        counters.TurnDay(Today);

        Assert.True(counters.CountOffers(1, cap: 5, [], holdAhead: 8));
        Assert.Equal((1, 4), (counters.DiscountedOffersToday, counters.DiscountedOffersHeld));
        Assert.False(counters.CountOffers(3, cap: 5, [], holdAhead: 8));
        Assert.Equal((4, 1), (counters.DiscountedOffersToday, counters.DiscountedOffersHeld));
        Assert.False(counters.CountOffers(1, cap: 5, [], holdAhead: 8));
        Assert.Equal((5, 0), (counters.DiscountedOffersToday, counters.DiscountedOffersHeld));

        // A larger cap holds at most holdAhead at a time; 0 writes every discounted quote.
        var lifted = new QuoteCounters { OffersDay = Today };
        Assert.True(lifted.CountOffers(2, cap: 1000, [], holdAhead: 3));
        Assert.Equal((2, 3), (lifted.DiscountedOffersToday, lifted.DiscountedOffersHeld));
        Assert.True(lifted.CountOffers(4, cap: 1000, [], holdAhead: 3));
        Assert.Equal((6, 3), (lifted.DiscountedOffersToday, lifted.DiscountedOffersHeld));
        var everyQuote = new QuoteCounters { OffersDay = Today };
        Assert.True(everyQuote.CountOffers(1, cap: 5, [], holdAhead: 0));
        Assert.True(everyQuote.CountOffers(1, cap: 5, [], holdAhead: 0));
        Assert.Equal((2, 0), (everyQuote.DiscountedOffersToday, everyQuote.DiscountedOffersHeld));
    }

    [Fact]
    public void Each_campaign_cap_is_held_apart_and_a_quote_writes_when_any_count_goes_past_its_hold()
    {
        var counters = new QuoteCounters { OffersDay = Today };

        Assert.True(counters.CountOffers(2, cap: 100, [("a", 3), ("a", 3)], holdAhead: 8));
        Assert.Equal((2, 1), (counters.CampaignOffersToday["a"], counters.CampaignOffersHeld["a"]));
        // The general count is held, campaign b's is not: written, and b held from then on.
        Assert.True(counters.CountOffers(1, cap: 100, [("b", 10)], holdAhead: 8));
        Assert.Equal((1, 8, 3), (counters.CampaignOffersToday["b"], counters.CampaignOffersHeld["b"], counters.DiscountedOffersToday));
        Assert.False(counters.CountOffers(2, cap: 100, [("a", 3), ("b", 10)], holdAhead: 8));
        Assert.Equal((3, 2, 5), (counters.CampaignOffersToday["a"], counters.CampaignOffersToday["b"], counters.DiscountedOffersToday));
        Assert.False(counters.CampaignOffersHeld.ContainsKey("a"));
        Assert.Equal(7, counters.CampaignOffersHeld["b"]);
    }

    [Fact]
    public void Offers_held_by_an_activation_that_never_gave_them_back_count_as_shown_and_returned_ones_do_not()
    {
        // As stored by an activation that held 4 of the day's 5 and 2 of campaign c's 3, then was lost with its silo.
        var lost = new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 1, DiscountedOffersHeld = 4, CampaignOffersToday = { ["c"] = 1 }, CampaignOffersHeld = { ["c"] = 2 } };
        lost.SpendHeld();
        Assert.Equal((5, 0, 3, false), (lost.DiscountedOffersToday, lost.DiscountedOffersHeld, lost.CampaignOffersToday["c"], lost.HoldsOffers));
        lost.SpendHeld();
        Assert.Equal((5, 3), (lost.DiscountedOffersToday, lost.CampaignOffersToday["c"]));

        var ended = new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 1, DiscountedOffersHeld = 4, CampaignOffersHeld = { ["c"] = 2 } };
        ended.ReturnHeld();
        ended.SpendHeld();
        Assert.Equal((1, false), (ended.DiscountedOffersToday, ended.CampaignOffersToday.ContainsKey("c")));

        var yesterday = new QuoteCounters { OffersDay = Today.AddDays(-1), DiscountedOffersToday = 1, DiscountedOffersHeld = 4, CampaignOffersHeld = { ["c"] = 2 } };
        yesterday.TurnDay(Today);
        Assert.Equal((0, 0, false), (yesterday.DiscountedOffersToday, yesterday.DiscountedOffersHeld, yesterday.HoldsOffers));
    }

    [Fact]
    public void A_new_day_starts_its_counts()
    {
        var counters = new QuoteCounters { OffersDay = Today, DiscountedOffersToday = 5, CampaignOffersToday = { ["c"] = 2 } };

        counters.TurnDay(Today);
        Assert.Equal((5, 5, 0), (counters.DiscountedOffersOn(Today), counters.DiscountedOffersToday, counters.DiscountedOffersOn(Today.AddDays(1))));
        counters.TurnDay(Today.AddDays(1));
        Assert.Equal((Today.AddDays(1), 0, 0), (counters.OffersDay, counters.DiscountedOffersToday, counters.CampaignOffersToday.Count));
    }
}
