namespace OrleansPricing.Grains.Customers;

/// <summary>
/// What a quote must make durable before the customer sees it, kept in a small state of its own beside the customer's
/// main <see cref="CustomerState"/>: a discounted quote writes these few counts, not the customer's features, event ids
/// and used quotes (which grow to hundreds of kilobytes for an active customer).
/// </summary>
[GenerateSerializer, Alias("grains.customer-quote-counters")]
public sealed class QuoteCounters
{
    /// <summary>The UTC day <see cref="DiscountedOffersToday"/> and <see cref="CampaignOffersToday"/> count for.</summary>
    [Id(0)] public DateOnly OffersDay { get; set; }

    /// <summary>Discounted quote lines on <see cref="OffersDay"/>: the daily cap must hold across a crash.</summary>
    [Id(1)] public int DiscountedOffersToday { get; set; }

    /// <summary>Discounted campaign offers on <see cref="OffersDay"/>, by campaign id (each campaign caps its own).</summary>
    [Id(2)] public Dictionary<string, int> CampaignOffersToday { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Activations that quoted, as of these counts' last write (an activation's count goes with its first discounted
    /// quote); with the customer id, the instant of the activation's first quote and its quotes it seeds the exploration
    /// draws (<see cref="ExplorationSeeds"/>), so a replayed history explores alike and draws never repeat after a restart.
    /// </summary>
    [Id(3)] public int QuotingActivations { get; set; }

    /// <summary>
    /// Discounted quote lines shown, ever: the redemption rate's denominator. The customer's features read it from here
    /// (<see cref="Pricing.Features.CustomerFeatures.OffersSeen"/> in the main state is a copy as of that state's last write).
    /// </summary>
    [Id(4)] public int OffersSeen { get; set; }

    /// <summary>
    /// Discounted offers on <see cref="OffersDay"/> beyond <see cref="DiscountedOffersToday"/> that the activation which
    /// wrote these counts may still show without writing: as stored, <c>today + held</c> bounds the day's offers, so
    /// the cap holds across a crash while most discounted quotes write nothing. An activation that ends returns what it
    /// holds (<see cref="ReturnHeld"/>); one that is lost never does, and the next counts them as shown (<see cref="SpendHeld"/>).
    /// </summary>
    [Id(5)] public int DiscountedOffersHeld { get; set; }

    /// <summary>The same, of each campaign's cap (<see cref="CampaignOffersToday"/>).</summary>
    [Id(6)] public Dictionary<string, int> CampaignOffersHeld { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether these counts hold offers ahead that the activation has not shown.</summary>
    public bool HoldsOffers => DiscountedOffersHeld > 0 || CampaignOffersHeld.Count > 0;

    /// <summary>Starts <paramref name="today"/>'s counts if the day has turned.</summary>
    public void TurnDay(DateOnly today)
    {
        if (OffersDay != today)
        {
            OffersDay = today;
            DiscountedOffersToday = 0;
            CampaignOffersToday.Clear();
            DiscountedOffersHeld = 0;
            CampaignOffersHeld.Clear();
        }
    }

    /// <summary>
    /// Counts one quote's discounted lines against the day's caps: <paramref name="discounted"/> in all, and one for each
    /// entry of <paramref name="campaignOffers"/> (a discounted campaign line, with its campaign's cap). True when the
    /// counts must be written before the quote is answered — some count went past what was held — and then up to
    /// <paramref name="holdAhead"/> more of each count this quote touched are held, within its cap.
    /// </summary>
    public bool CountOffers(int discounted, int cap, IReadOnlyList<(string CampaignId, int Cap)> campaignOffers, int holdAhead)
    {
        var write = discounted > DiscountedOffersHeld;
        DiscountedOffersToday += discounted;
        DiscountedOffersHeld = Math.Max(0, DiscountedOffersHeld - discounted);
        foreach (var (campaign, offers) in campaignOffers.CountBy(offer => offer.CampaignId))
        {
            var held = CampaignOffersHeld.GetValueOrDefault(campaign);
            write |= offers > held;
            CampaignOffersToday[campaign] = CampaignOffersToday.GetValueOrDefault(campaign) + offers;
            Hold(campaign, held - offers);
        }

        if (write)
        {
            DiscountedOffersHeld = Math.Clamp(cap - DiscountedOffersToday, 0, holdAhead);
            foreach (var (campaign, campaignCap) in campaignOffers)
            {
                Hold(campaign, Math.Min(campaignCap - CampaignOffersToday[campaign], holdAhead));
            }
        }

        return write;
    }

    /// <summary>
    /// Counts as shown what an earlier activation held and never returned (it was lost with its silo, or failed to
    /// write): on activation, so the cap still holds.
    /// </summary>
    public void SpendHeld()
    {
        DiscountedOffersToday += DiscountedOffersHeld;
        foreach (var (campaign, offers) in CampaignOffersHeld)
        {
            CampaignOffersToday[campaign] = CampaignOffersToday.GetValueOrDefault(campaign) + offers;
        }

        ReturnHeld();
    }

    /// <summary>Gives back what this activation holds, to be written as it ends: the day's counts are then exact.</summary>
    public void ReturnHeld()
    {
        DiscountedOffersHeld = 0;
        CampaignOffersHeld.Clear();
    }

    /// <summary>Holds <paramref name="offers"/> of <paramref name="campaign"/>'s cap; none when it is not positive.</summary>
    private void Hold(string campaign, int offers)
    {
        if (offers > 0)
        {
            CampaignOffersHeld[campaign] = offers;
        }
        else
        {
            CampaignOffersHeld.Remove(campaign);
        }
    }

    /// <summary>Today's discounted offers (zero when the counts are of an earlier day).</summary>
    public int DiscountedOffersOn(DateOnly today) => OffersDay == today ? DiscountedOffersToday : 0;

    /// <summary>
    /// Takes the counts a customer state written before 2026-12-01 kept itself out of it (it keeps none after), or
    /// written since by a silo of that version during a rolling upgrade; false when it kept none. Merged by the larger
    /// of each count, so taking them twice (a write that failed between) or from both sides never counts less than
    /// either. Settles the redeemed offers such a state counted with every discounted purchase against the offers-shown
    /// count it was written with, before this count replaces it (also when it kept no other count: true then too, so the
    /// settled state is written).
    /// </summary>
    public bool TakeFrom(CustomerState written)
    {
        // Settled later, against a larger count from here, such redeemed offers would read as more than they were.
        var unsettled = written.Features.DiscountedPurchases is null && written.Features.OffersRedeemed > written.Features.OffersSeen;
        if (!unsettled && written.QuotingActivations == 0 && written.DiscountedOffersToday == 0 && written.CampaignOffersToday.Count == 0
            && written.Features.OffersSeen <= OffersSeen)
        {
            return false;
        }

        written.Features.KeepDiscountedPurchasesApart();
        if (written.OffersDay > OffersDay)
        {
            (OffersDay, DiscountedOffersToday) = (written.OffersDay, written.DiscountedOffersToday);
            CampaignOffersToday = new Dictionary<string, int>(written.CampaignOffersToday, StringComparer.Ordinal);
        }
        else if (written.OffersDay == OffersDay)
        {
            DiscountedOffersToday = Math.Max(DiscountedOffersToday, written.DiscountedOffersToday);
            foreach (var (campaign, offers) in written.CampaignOffersToday)
            {
                CampaignOffersToday[campaign] = Math.Max(CampaignOffersToday.GetValueOrDefault(campaign), offers);
            }
        }

        QuotingActivations = Math.Max(QuotingActivations, written.QuotingActivations);
        OffersSeen = Math.Max(OffersSeen, written.Features.OffersSeen);
        (written.OffersDay, written.DiscountedOffersToday, written.QuotingActivations) = (default, 0, 0);
        written.CampaignOffersToday.Clear();
        return true;
    }
}
