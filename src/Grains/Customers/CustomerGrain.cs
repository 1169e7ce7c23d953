using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Grains.Products;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Pricing.Quotes;
using OrleansPricing.Pricing.Segmentation;

namespace OrleansPricing.Grains.Customers;

/// <summary>
/// One customer's live features and discount state. Quotes are signed (<see cref="QuoteSigner"/>) rather than stored: a
/// quote writes only what must be durable before the customer sees it — a discounted offer counts against the daily
/// cap, a few offers ahead at a time (<see cref="QuoteCounters.CountOffers"/>) — and only to the small
/// <see cref="QuoteCounters"/>, never the customer's whole state. Events, orders and an order's claim on its quotes are
/// written before returning, so what was acknowledged survives the silo that served it.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", PricingStorage.Name)] IPersistentState<CustomerState> state,
    [PersistentState("quote-counters", PricingStorage.Name)] IPersistentState<QuoteCounters> counters,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    QuotePolicy policy,
    ICustomerSegmenter segmenter,
    IOptions<PricingOptions> pricingOptions,
    IOptions<FeatureHalfLives> halfLives,
    CampaignServing campaigns,
    DecisionLogWriter decisionLog,
    QuoteSigner signer,
    PricingMetrics metrics,
    RecentQuotes recentQuotes,
    ProductFactsCache productFacts,
    ExplorationSeeds seeds,
    GrainStateLifetime stateLifetime,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    /// <summary>Recorded order ids are kept this long; order grains remember theirs for good, this is a second guard.</summary>
    private static readonly TimeSpan OrderMemory = TimeSpan.FromDays(30);

    /// <summary>A used quote is remembered this long past its expiry, so an order retried late still finds its own claim.</summary>
    private static readonly TimeSpan UsedQuoteMemory = TimeSpan.FromDays(1);

    /// <summary>Quote calls answered by this activation (part of the exploration seed).</summary>
    private long _quotesThisActivation;

    /// <summary>When this activation's first quote was made (part of the exploration seed, <see cref="ExplorationSeeds"/>); unset until then.</summary>
    private DateTimeOffset? _firstQuoteAt;

    private string? _pseudonym;

    /// <summary>Offers were counted in memory since the counters' last write (they were held ahead): written as the activation ends.</summary>
    private bool _countersUnwritten;

    /// <summary>A write failed: what this activation holds in memory is not what storage has, so it writes nothing more as it ends.</summary>
    private bool _discarded;

    /// <summary>Categories looked up for events in this activation; a SKU's category rarely changes.</summary>
    private readonly Dictionary<string, string?> _categoryBySku = new(StringComparer.Ordinal);

    /// <summary>
    /// Product grain references by SKU, made once per activation: Orleans resolves the grain interface by reflection on
    /// every GetGrain (the largest share of a quote's allocations in a profile). Cleared past 256 SKUs, so it stays small.
    /// </summary>
    private readonly Dictionary<string, IProductGrain> _productGrains = new(StringComparer.Ordinal);

    /// <summary>
    /// The newest quote line of each SKU this activation priced, while its quote lives: an order line that does not cite
    /// the quote's token, or a purchase event, for that SKU in its lifetime is that decision's purchase in the log. Were
    /// it not, a shop that cites tokens only for discounted lines would teach the loop that list price never sells
    /// (docs/decision-log.md). A purchase event paid at a discounted line's price is that quote's answer in the
    /// features too (<see cref="LiveQuote.Answers"/>). In memory: an attribution lost with the activation costs a label
    /// and that answer, never money.
    /// </summary>
    private readonly Dictionary<string, LiveQuote> _liveQuotes = new(StringComparer.Ordinal);

    private CustomerState State => state.State;

    private QuoteCounters Counters => counters.State;

    private PricingOptions Options => pricingOptions.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Offers an earlier activation held and never gave back count as shown: nothing to write, the stored counts bound them already.
        Counters.SpendHeld();
        if (Counters.TakeFrom(State))
        {
            // The counters first: were the main state written without its counts and the counters' write lost, they would
            // be gone. Taken again after a failure in between, they merge to the same.
            await counters.WriteStateAsync(cancellationToken);
            await state.WriteStateAsync(cancellationToken);
        }

        State.Features.OffersSeen = Counters.OffersSeen;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Offers held for a day that has ended need no giving back.
        Counters.TurnDay(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (_discarded || !(_countersUnwritten || Counters.HoldsOffers))
        {
            return;
        }

        // A silo that shuts down with its state in memory takes the counters with it: there is nothing to give back to.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !stateLifetime.OutlivesSilo)
        {
            return;
        }

        // The offers held ahead go back to the day's allowance, and the offers shown since the last write are kept. A
        // write that fails here loses no promise: what was held is then counted as shown by the next activation.
        Counters.ReturnHeld();
        try
        {
            await counters.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            CustomerLog.CountsNotReturned(logger, this.GetPrimaryKeyString(), exception);
        }
    }

    public async Task<EventBatchOutcome> RecordEventsAsync(IReadOnlyList<CustomerEventInput> events)
    {
        // A purchase's discount is its amount against the SKU's list price: one product call per SKU the batch's purchases name.
        var (purchased, _) = await LoadProductsAsync(
            [.. events.Where(e => e.Type == CustomerEventKind.Purchase && e.Sku is not null).Select(e => e.Sku!)]);
        var listed = purchased.ToDictionary(product => product.Sku, StringComparer.Ordinal);
        // Every other event's category too, before the state changes: a call that fails halfway through the loop below
        // would leave events marked as seen without their features, and the caller's retry would take them for duplicates.
        var browsed = events.Where(e => e.Type != CustomerEventKind.Purchase && e.Sku is not null).Select(e => e.Sku!).Distinct(StringComparer.Ordinal).ToList();
        var categories = (await Task.WhenAll(browsed.Select(CategoryOfAsync))).Zip(browsed).ToDictionary(pair => pair.Second, pair => pair.First, StringComparer.Ordinal);
        int applied = 0, duplicates = 0, tooLate = 0, answered = 0;
        var attributed = new List<(Guid QuoteId, string EventId, DateTimeOffset At)>();
        foreach (var input in events.OrderBy(e => e.Timestamp))
        {
            switch (State.AppliedEvents.Admit(input.EventId, input.Timestamp, Options.EventDeduplicationWindow))
            {
                case EventAdmission.Duplicate:
                    duplicates++;
                    continue;
                case EventAdmission.TooLate:
                    tooLate++;
                    continue;
            }

            string? category = null;
            var discount = 0m;
            if (input.Type == CustomerEventKind.Purchase)
            {
                if (input.Sku is not null && listed.TryGetValue(input.Sku, out var product))
                {
                    (category, discount) = (product.Category, CustomerEvent.DiscountBelowList(product.ListPrice * input.Quantity, input.Amount));
                }
            }
            else if (input.Sku is not null)
            {
                category = categories[input.Sku];
            }

            var observed = new CustomerEvent(input.EventId, input.Type.ToPricing(), input.Sku, category, input.Quantity, input.Amount, input.Timestamp, discount);
            var line = LiveQuoteAt(input.Sku, input.Timestamp);
            var bought = input.Type == CustomerEventKind.Purchase ? line : null;
            if (bought is { } boughtOn)
            {
                TakeBackCartAddOf(input.Sku!, boughtOn);
                attributed.Add((boughtOn.QuoteId, input.EventId, input.Timestamp));
            }

            if (bought is { } quote && listed.TryGetValue(input.Sku!, out var quoted) && quote.Answers(quoted.ListPrice, observed))
            {
                State.Features.ApplyAnswer(observed, halfLives.Value, quote.Explored);
                _liveQuotes.Remove(input.Sku!);
                answered++;
            }
            else
            {
                State.Features.Apply(observed, halfLives.Value);
                if (input.Type == CustomerEventKind.Cart && line is { Carted: null } carted)
                {
                    _liveQuotes[input.Sku!] = carted with { Carted = (input.Timestamp, input.Quantity) };
                }
            }

            applied++;
        }

        if (answered > 0)
        {
            await StoreOffersShownBeforeRedeemedAsync();
        }

        if (applied > 0)
        {
            State.EventsApplied += applied;
            await state.WriteOrDiscardAsync(Discard);
        }

        // Logged once the events are stored, as an order's purchases are.
        attributed.ForEach(purchase => decisionLog.Purchase(QuoteIds.Format(purchase.QuoteId), purchase.EventId, purchase.At));

        return new EventBatchOutcome(applied, duplicates, tooLate);
    }

    public Task<CustomerView> GetAsync()
    {
        var now = time.GetUtcNow();
        var snapshot = State.Features.Snapshot(now, halfLives.Value);
        return Task.FromResult(new CustomerView(
            this.GetPrimaryKeyString(),
            state.RecordExists,
            segmenter.Assign(snapshot).ToView(),
            snapshot.ToView(),
            Counters.DiscountedOffersOn(DateOnly.FromDateTime(now.UtcDateTime)),
            State.EventsApplied));
    }

    public async Task<QuoteResponse> QuoteAsync(QuoteRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Units);
        var now = time.GetUtcNow();
        var customerId = this.GetPrimaryKeyString();
        var (products, errors) = await LoadProductsAsync(request.Skus);

        var snapshot = State.Features.Snapshot(now, halfLives.Value);
        Counters.TurnDay(DateOnly.FromDateTime(now.UtcDateTime));

        var context = new QuoteContext(request.Channel, now);
        var expiresAt = now + Options.QuoteTimeToLive;
        var served = products.Count == 0 ? [] : await campaigns.ActiveAsync();
        var lines = new List<QuoteLine>(products.Count);
        foreach (var product in products)
        {
            var campaign = served.FirstOrDefault(campaign => campaign.Definition!.Covers(product.Sku, product.Category));
            var offer = campaign is null ? null : await CampaignOfferAsync(campaign, product, customerId, request.Units);
            lines.Add(new QuoteLine(product, QuoteIds.New(now), offer));
        }

        // The activation's count moves the seed on in memory and is written with the next discounted quote's counts: a
        // list-price quote writes nothing, also the first of an activation (the seed's instant keeps its draws apart).
        bool writeCounters = false, writeState = false;
        if (_firstQuoteAt is null && lines.Count > 0)
        {
            _firstQuoteAt = now;
            Counters.QuotingActivations++;
        }

        // Read once: the policy explores only what is logged, and a log that turns unwritable mid-quote logs nothing of it.
        var logging = decisionLog.Enabled;
        var decisions = lines.Count == 0
            ? []
            : await policy.DecideAsync(new QuoteInput(
                snapshot, context, lines,
                Options.MaxDiscountedOffersPerDay - Counters.DiscountedOffersToday, expiresAt,
                new Random(seeds.For(customerId, Counters.QuotingActivations, _firstQuoteAt!.Value, _quotesThisActivation++)),
                Logged: logging));

        var logged = logging ? new List<DecisionRecord>(decisions.Count) : null;
        if (logged is not null && State.PseudonymKey is null && decisions.Count > 0)
        {
            State.PseudonymKey = RandomNumberGenerator.GetBytes(32);
            writeState = true;
        }

        var pseudonym = logged is null ? null : Pseudonym();
        var segment = segmenter.Assign(snapshot);
        var model = policy.ModelInfo;
        var modelName = (decisions.Count > 0 ? decisions[0].PricedBy : null) ?? model.Name;
        var quotes = new List<Quote>(decisions.Count);
        var live = new List<(string Sku, LiveQuote Line)>(decisions.Count);
        for (var p = 0; p < decisions.Count; p++)
        {
            var (decision, quoteId) = (decisions[p], lines[p].QuoteId);
            var hold = decision.Campaign is { } reserved
                ? new CampaignHold(reserved.CampaignId, campaigns.Holder, reserved.UnitDiscount, reserved.Units, reserved.Holdout)
                : null;
            // An exploration draw's level was not the model's choice: an answer to it is no model-priced purchase, whether
            // it comes as an order citing the token or as a purchase event at its price.
            var explored = decision.Reasons.Contains(DecisionReasons.Exploration);
            var token = signer.Sign(new QuoteClaims(
                quoteId, customerId, decision.Sku, decision.ListPrice, decision.Price, decision.Discount, hold?.Units, hold, modelName, expiresAt,
                Explored: explored));
            live.Add((decision.Sku, new LiveQuote(QuoteIds.Parse(quoteId), now, expiresAt, decision.Price, decision.Discount, explored)));
            quotes.Add(new Quote(
                quoteId, decision.Sku, decision.ListPrice, decision.Price, decision.Discount, decision.PurchaseProbability,
                decision.ExpectedProfit, expiresAt, segment.Name, decision.Reasons, hold?.CampaignId, hold?.Units, token));
            logged?.Add(new DecisionRecord(
                quoteId, now, pseudonym!, context, lines[p].Product, snapshot, decision.Discount,
                decision.Propensity, modelName, Purchased: null)
                {
                    ShadowArm = decision.ShadowArm, TrialLevelsDiffer = decision.TrialLevelsDiffer, ExplorationCost = decision.ExplorationCost,
                    ExploredFrom = decision.ExploredFrom, Policy = decision.Policy,
                });
        }

        var discounted = decisions.Count(decision => decision.Discount > 0);
        if (discounted > 0)
        {
            IReadOnlyList<(string, int)> campaignOffers = served.Count == 0 ? [] : [.. decisions
                .Where(decision => decision.Discount > 0 && decision.Campaign is not null)
                .Select(decision => (decision.Campaign!.CampaignId, served.First(campaign => campaign.CampaignId == decision.Campaign.CampaignId).Definition!.MaxDiscountedOffersPerDay))];
            writeCounters = Counters.CountOffers(discounted, Options.MaxDiscountedOffersPerDay, campaignOffers, Options.DiscountedOffersHeldAhead);
            State.Features.RecordOffersShown(discounted);
            Counters.OffersSeen = State.Features.OffersSeen;
            _countersUnwritten = !writeCounters;
        }

        // A discounted offer counts against the daily cap before the customer sees it — written now unless an earlier
        // write held it ahead; a list-price quote changes nothing that must survive, so it is answered without a write.
        // The main state is written only for the pseudonym's key, once a customer. Decisions are logged once answered for good.
        if (writeCounters)
        {
            await counters.WriteOrDiscardAsync(Discard);
        }

        if (writeState)
        {
            await state.WriteOrDiscardAsync(Discard);
        }

        logged?.ForEach(decisionLog.Decision);
        if (_liveQuotes.Count > 256)
        {
            foreach (var sku in _liveQuotes.Where(pair => pair.Value.ExpiresAt < now).Select(pair => pair.Key).ToList())
            {
                _liveQuotes.Remove(sku);
            }
        }

        foreach (var (sku, line) in live)
        {
            _liveQuotes[sku] = line;
        }

        foreach (var decision in decisions)
        {
            metrics.QuoteLine(modelName, decision.Discount > 0);
            if (decision.ExplorationCost is { } cost)
            {
                metrics.ExplorationLine(modelName, cost);
            }
        }

        foreach (var quote in quotes)
        {
            recentQuotes.Add(new RecentQuote(
                now, customerId, quote.Sku, quote.ListPrice, quote.Price, quote.Discount, quote.PurchaseProbability,
                quote.ExpectedProfit, quote.Segment, quote.Reasons, quote.Campaign, modelName, recentQuotes.Silo));
        }

        return new QuoteResponse(customerId, quotes, errors, modelName);
    }

    public async Task EraseAsync()
    {
        state.State = new CustomerState { ErasedAt = time.GetUtcNow() };
        counters.State = new QuoteCounters();
        _countersUnwritten = false;
        _categoryBySku.Clear();
        _pseudonym = null;
        // The personal data and the pseudonym's key first; a failure before the counts are emptied fails the call, to be retried.
        await state.WriteOrDiscardAsync(Discard);
        await counters.WriteOrDiscardAsync(Discard);
        CustomerLog.Erased(logger, this.GetPrimaryKeyString());
    }

    /// <summary>After a failed write (<see cref="DurableState"/>): the next call reloads what storage has.</summary>
    private void Discard()
    {
        _discarded = true;
        DeactivateOnIdle();
    }

    public Task<string?> GetPseudonymAsync() => Task.FromResult(Pseudonym());

    /// <summary>
    /// HMAC-SHA256 of the customer id under the customer's own key, hex; null before the key exists. Computed once per
    /// activation: the key changes only by erasure, which clears it.
    /// </summary>
    private string? Pseudonym() =>
        _pseudonym ??= State.PseudonymKey is { } key
            ? Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(this.GetPrimaryKeyString())))
            : null;

    public async Task<QuoteClaimOutcome> ClaimQuotesAsync(string orderId, IReadOnlyList<QuoteReference> lines)
    {
        var now = time.GetUtcNow();
        var customerId = this.GetPrimaryKeyString();
        var honoured = new List<HonouredQuote>();
        var claims = new List<QuoteClaims>();
        foreach (var line in lines)
        {
            if (line.QuoteToken is not { } token)
            {
                continue;
            }

            if (Check(line, token, customerId, orderId, now, out var quote) is { } rejection)
            {
                return new QuoteClaimOutcome([], rejection);
            }

            claims.Add(quote!);
            honoured.Add(new HonouredQuote(line.Sku, quote!.QuoteId, quote.Price, quote.Discount, quote.Campaign));
        }

        var claimed = false;
        foreach (var quote in claims.Where(quote => !State.UsedQuotes.ContainsKey(quote.QuoteId)))
        {
            State.UsedQuotes[quote.QuoteId] = new UsedQuote(orderId, quote.ExpiresAt, quote.Explored);
            claimed = true;
        }

        if (claimed)
        {
            foreach (var (quoteId, _) in State.UsedQuotes.Where(pair => pair.Value.ExpiresAt + UsedQuoteMemory < now).ToList())
            {
                State.UsedQuotes.Remove(quoteId);
            }

            await state.WriteOrDiscardAsync(Discard);
        }

        return new QuoteClaimOutcome(honoured);
    }

    /// <summary>
    /// Why <paramref name="token"/> cannot price <paramref name="line"/> of order <paramref name="orderId"/>, or null.
    /// A quote this same order already claimed passes even past its expiry, so a late retry finds its own claim.
    /// </summary>
    private QuoteRejection? Check(QuoteReference line, string token, string customerId, string orderId, DateTimeOffset now, out QuoteClaims? quote)
    {
        QuoteRejection Reject(QuoteRejectionKind kind, string detail) => new(line.Sku, kind, detail);
        if (!signer.TryVerify(token, out quote, out var error))
        {
            return Reject(QuoteRejectionKind.Invalid, error == QuoteTokenError.UnknownKey
                ? "The quote was signed with a key this service does not hold."
                : "The quote token is not valid: this service did not issue it, or it was altered.");
        }

        if (quote!.CustomerId != customerId)
        {
            return Reject(QuoteRejectionKind.Mismatch, "The quote was issued to another customer.");
        }

        if (quote.Sku != line.Sku)
        {
            return Reject(QuoteRejectionKind.Mismatch, $"The quote is for SKU '{quote.Sku}', not '{line.Sku}'.");
        }

        if (quote.MaxUnits is { } max && line.Quantity > max)
        {
            return Reject(QuoteRejectionKind.Mismatch, $"The quote covers at most {max} unit{(max == 1 ? "" : "s")}; the line asks for {line.Quantity}.");
        }

        if (State.UsedQuotes.TryGetValue(quote.QuoteId, out var used))
        {
            return used.OrderId == orderId ? null : Reject(QuoteRejectionKind.AlreadyUsed, $"The quote was already used by order '{used.OrderId}'.");
        }

        if (State.ErasedAt is { } erased && quote.ExpiresAt - Options.QuoteTimeToLive <= erased)
        {
            return Reject(QuoteRejectionKind.Invalid, "The quote was issued before the customer's data was erased.");
        }

        return quote.ExpiresAt <= now ? Reject(QuoteRejectionKind.Expired, $"The quote expired at {quote.ExpiresAt:O}; ask for a new quote.") : null;
    }

    public async Task ReleaseQuotesAsync(string orderId)
    {
        var released = State.UsedQuotes.Where(pair => pair.Value.OrderId == orderId).Select(pair => pair.Key).ToList();
        if (released.Count > 0)
        {
            released.ForEach(quoteId => State.UsedQuotes.Remove(quoteId));
            await state.WriteOrDiscardAsync(Discard);
        }
    }

    public async Task RecordOrderAsync(string orderId, DateTimeOffset at, IReadOnlyList<PurchasedLine> lines)
    {
        if (State.RecordedOrders.ContainsKey(orderId))
        {
            return;
        }

        var amount = lines.Sum(line => line.UnitPrice * line.Quantity);
        var discount = CustomerEvent.DiscountBelowList(lines.Sum(line => line.ListPrice * line.Quantity), amount);
        // Each line that took a discounted quote answers one discounted offer, as each such quote line counted one shown;
        // a line is discounted by the same rule as the order (rounding is no discount).
        var redeemed = lines.Count(line => line.QuoteId is not null && CustomerState.IsDiscounted(line));
        if (redeemed > 0)
        {
            await StoreOffersShownBeforeRedeemedAsync();
        }

        foreach (var line in lines)
        {
            if (LiveQuoteAt(line.Sku, at) is { } bought)
            {
                TakeBackCartAddOf(line.Sku, bought);
            }
        }

        State.Features.RecordPurchase(at, amount, discount, lines.Select(line => line.Category), halfLives.Value, redeemed, State.IsModelPriced(lines));
        State.RecordedOrders[orderId] = at;
        foreach (var (id, _) in State.RecordedOrders.Where(pair => pair.Value < at - OrderMemory).ToList())
        {
            State.RecordedOrders.Remove(id);
        }

        await state.WriteOrDiscardAsync(Discard);
        foreach (var line in lines)
        {
            if (line.QuoteId is { } quoteId)
            {
                decisionLog.Purchase(quoteId, orderId, at);
                // Answered once: a purchase event the shop also sends for this sale is the customer's own, not a second answer.
                if (_liveQuotes.TryGetValue(line.Sku, out var live) && QuoteIds.Format(live.QuoteId) == quoteId)
                {
                    _liveQuotes.Remove(line.Sku);
                }
            }
            else
            {
                AttributeToLiveQuote(line.Sku, orderId, at);
            }
        }

        CustomerLog.OrderRecorded(logger, this.GetPrimaryKeyString(), orderId, amount);
    }

    /// <summary>
    /// Before a purchase that redeems offers is stored: the offers it answers may have been shown without a write (held
    /// ahead), so the counters are written first, and what is stored never has more offers redeemed than shown.
    /// </summary>
    private async Task StoreOffersShownBeforeRedeemedAsync()
    {
        if (_countersUnwritten)
        {
            await counters.WriteOrDiscardAsync(Discard);
            _countersUnwritten = false;
        }
    }

    /// <summary>A purchase of <paramref name="sku"/> at <paramref name="at"/> that cites no quote: the purchase of the quote then live for it, if any.</summary>
    private void AttributeToLiveQuote(string sku, string purchaseId, DateTimeOffset at)
    {
        if (LiveQuoteAt(sku, at) is { } live)
        {
            decisionLog.Purchase(QuoteIds.Format(live.QuoteId), purchaseId, at);
        }
    }

    /// <summary>
    /// A purchase of <paramref name="sku"/> while its quote line <paramref name="live"/> lives: the cart add the customer made
    /// of it in that lifetime, if any, was part of this purchase and is taken back from the cart adds, once. A cart add
    /// before the quote, or one this activation did not see, stays counted.
    /// </summary>
    private void TakeBackCartAddOf(string sku, LiveQuote live)
    {
        if (live.Carted is { } carted)
        {
            State.Features.TakeBackCartAdd(carted.At, carted.Units, halfLives.Value);
            _liveQuotes[sku] = live with { Carted = null };
        }
    }

    /// <summary>The quote line of <paramref name="sku"/> live at <paramref name="at"/>, if this activation priced one.</summary>
    private LiveQuote? LiveQuoteAt(string? sku, DateTimeOffset at) =>
        sku is not null && _liveQuotes.TryGetValue(sku, out var live) && live.IssuedAt <= at && at <= live.ExpiresAt ? live : null;

    private IProductGrain ProductGrain(string sku)
    {
        if (!_productGrains.TryGetValue(sku, out var grain))
        {
            if (_productGrains.Count >= 256)
            {
                _productGrains.Clear();
            }

            _productGrains[sku] = grain = GrainFactory.GetGrain<IProductGrain>(sku);
        }

        return grain;
    }

    private Task<ProductPricingFacts?> ReadFactsAsync(string sku) => ProductGrain(sku).GetPricingFactsAsync();

    private async Task<(List<ProductFacts> Products, List<QuoteItemError> Errors)> LoadProductsAsync(IReadOnlyList<string> requested)
    {
        var skus = requested.Distinct(StringComparer.Ordinal).ToList();
        var facts = await productFacts.GetAsync(skus, ReadFactsAsync);
        var products = new List<ProductFacts>(skus.Count);
        var errors = new List<QuoteItemError>();
        for (var i = 0; i < skus.Count; i++)
        {
            if (facts[i] is { } product)
            {
                products.Add(product.ToPricing());
                _categoryBySku[product.Sku] = product.Category;
            }
            else
            {
                errors.Add(new QuoteItemError(skus[i], QuoteItemError.UnknownSku, $"No product with SKU '{skus[i]}'."));
            }
        }

        return (products, errors);
    }

    /// <summary>The campaign's offer to this customer on one product, with this silo's lease topped up to fund it.</summary>
    private async Task<CampaignOffer> CampaignOfferAsync(ServedCampaign campaign, ProductFacts product, string customerId, int units)
    {
        var definition = campaign.Definition!;
        var holdout = HoldoutAssignment.IsHoldout(definition.CampaignId, customerId, definition.HoldoutFraction);
        var budget = await campaigns.FundAsync(
            campaign, holdout ? 0 : policy.BudgetWanted(product, definition.DiscountGrid, definition.MaxDiscount, units));
        return new CampaignOffer(
            campaign.CampaignId, definition.DiscountGrid, definition.MaxDiscount,
            definition.MaxDiscountedOffersPerDay - Counters.CampaignOffersToday.GetValueOrDefault(campaign.CampaignId),
            campaign.Duals, definition.ExplorationRate, budget, units, holdout);
    }

    private async Task<string?> CategoryOfAsync(string sku)
    {
        if (!_categoryBySku.TryGetValue(sku, out var category))
        {
            category = (await productFacts.GetAsync([sku], ReadFactsAsync))[0]?.Category;
            if (category is not null)
            {
                _categoryBySku[sku] = category;
            }
        }

        return category;
    }
}
