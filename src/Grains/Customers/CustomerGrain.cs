using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Hosting;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Pricing.Segmentation;

namespace OrleansPricing.Grains.Customers;

/// <summary>
/// One customer's live features and discount state. Every call that changes state writes it before returning, so an
/// acknowledged event, quote or order survives the silo that served it.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", PricingStorage.Name)] IPersistentState<CustomerState> state,
    TimeProvider time,
    QuotePricer pricer,
    ICustomerSegmenter segmenter,
    IOptions<PricingOptions> pricingOptions,
    IOptions<FeatureHalfLives> halfLives,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    /// <summary>Recorded order ids are kept this long; order grains remember theirs for good, this is a second guard.</summary>
    private static readonly TimeSpan OrderMemory = TimeSpan.FromDays(30);

    /// <summary>Categories looked up for events in this activation; a SKU's category rarely changes.</summary>
    private readonly Dictionary<string, string?> _categoryBySku = new(StringComparer.Ordinal);

    private CustomerState State => state.State;

    private PricingOptions Options => pricingOptions.Value;

    public async Task<EventBatchOutcome> RecordEventsAsync(IReadOnlyList<CustomerEventInput> events)
    {
        int applied = 0, duplicates = 0, tooLate = 0;
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

            var category = input.Sku is null ? null : await CategoryOfAsync(input.Sku);
            State.Features.Apply(
                new CustomerEvent(input.EventId, input.Type, input.Sku, category, input.Quantity, input.Amount, input.Timestamp),
                halfLives.Value);
            applied++;
        }

        if (applied > 0)
        {
            State.EventsApplied += applied;
            await state.WriteStateAsync();
        }

        return new EventBatchOutcome(applied, duplicates, tooLate);
    }

    public Task<CustomerView> GetAsync()
    {
        var now = time.GetUtcNow();
        var snapshot = State.Features.Snapshot(now, halfLives.Value);
        return Task.FromResult(new CustomerView(
            this.GetPrimaryKeyString(),
            state.RecordExists,
            segmenter.Assign(snapshot),
            snapshot,
            State.OpenQuotes.Values.Where(quote => quote.ExpiresAt > now).OrderBy(quote => quote.IssuedAt).ToList(),
            State.OffersDay == DateOnly.FromDateTime(now.UtcDateTime) ? State.DiscountedOffersToday : 0,
            State.EventsApplied));
    }

    public async Task<QuoteResponse> QuoteAsync(QuoteRequest request)
    {
        var now = time.GetUtcNow();
        var skus = request.Skus.Distinct(StringComparer.Ordinal).ToList();
        var facts = await Task.WhenAll(skus.Select(sku => GrainFactory.GetGrain<IProductGrain>(sku).GetPricingFactsAsync()));

        var errors = new List<QuoteItemError>();
        var products = new List<ProductFacts>();
        for (var i = 0; i < skus.Count; i++)
        {
            if (facts[i] is { } product)
            {
                products.Add(product);
                _categoryBySku[product.Sku] = product.Category;
            }
            else
            {
                errors.Add(new QuoteItemError(skus[i], QuoteItemError.UnknownSku, $"No product with SKU '{skus[i]}'."));
            }
        }

        var snapshot = State.Features.Snapshot(now, halfLives.Value);
        var segment = segmenter.Assign(snapshot);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (State.OffersDay != today)
        {
            State.OffersDay = today;
            State.DiscountedOffersToday = 0;
        }

        var decisions = products.Count == 0
            ? []
            : await pricer.PriceAsync(
                snapshot, products, new QuoteContext(request.Channel, now),
                Options.MaxDiscountedOffersPerDay - State.DiscountedOffersToday);

        DropExpiredQuotes(now);
        var expiresAt = now + Options.QuoteTimeToLive;
        var quotes = new List<Quote>(decisions.Count);
        foreach (var decision in decisions)
        {
            var quoteId = Guid.CreateVersion7(now).ToString("N");
            State.OpenQuotes[quoteId] = new OpenQuote(
                quoteId, decision.Sku, decision.ListPrice, decision.Price, decision.Discount, now, expiresAt);
            quotes.Add(new Quote(
                quoteId, decision.Sku, decision.ListPrice, decision.Price, decision.Discount, decision.PurchaseProbability,
                decision.ExpectedProfit, expiresAt, segment.Name, decision.Reasons));
        }

        var discounted = decisions.Count(decision => decision.Discount > 0);
        State.DiscountedOffersToday += discounted;
        State.Features.RecordOffersShown(discounted);
        if (quotes.Count > 0)
        {
            // The quotes are promises: they are durable before the customer sees them.
            await state.WriteStateAsync();
        }

        var model = pricer.ModelInfo;
        return new QuoteResponse(this.GetPrimaryKeyString(), quotes, errors, $"{model.ModelId}@{model.Version}");
    }

    public Task<IReadOnlyList<HonouredQuote>> FindHonouredQuotesAsync(IReadOnlyList<QuoteReference> lines)
    {
        var now = time.GetUtcNow();
        var honoured = new List<HonouredQuote>();
        foreach (var line in lines)
        {
            if (line.QuoteId is { } quoteId
                && State.OpenQuotes.TryGetValue(quoteId, out var quote)
                && quote.Sku == line.Sku
                && quote.ExpiresAt > now)
            {
                honoured.Add(new HonouredQuote(line.Sku, quoteId, quote.Price, quote.Discount));
            }
        }

        return Task.FromResult<IReadOnlyList<HonouredQuote>>(honoured);
    }

    public async Task RecordOrderAsync(string orderId, DateTimeOffset at, IReadOnlyList<PurchasedLine> lines)
    {
        if (State.RecordedOrders.ContainsKey(orderId))
        {
            return;
        }

        var amount = lines.Sum(line => line.UnitPrice * line.Quantity);
        var discount = lines.Sum(line => (line.ListPrice - line.UnitPrice) * line.Quantity);
        State.Features.RecordPurchase(at, amount, discount, lines.Select(line => line.Category), halfLives.Value);
        foreach (var line in lines)
        {
            if (line.QuoteId is { } quoteId)
            {
                State.OpenQuotes.Remove(quoteId);
            }
        }

        State.RecordedOrders[orderId] = at;
        foreach (var (id, _) in State.RecordedOrders.Where(pair => pair.Value < at - OrderMemory).ToList())
        {
            State.RecordedOrders.Remove(id);
        }

        await state.WriteStateAsync();
        CustomerLog.OrderRecorded(logger, this.GetPrimaryKeyString(), orderId, amount);
    }

    private async Task<string?> CategoryOfAsync(string sku)
    {
        if (!_categoryBySku.TryGetValue(sku, out var category))
        {
            category = (await GrainFactory.GetGrain<IProductGrain>(sku).GetPricingFactsAsync())?.Category;
            if (category is not null)
            {
                _categoryBySku[sku] = category;
            }
        }

        return category;
    }

    private void DropExpiredQuotes(DateTimeOffset now)
    {
        foreach (var (quoteId, _) in State.OpenQuotes.Where(pair => pair.Value.ExpiresAt <= now).ToList())
        {
            State.OpenQuotes.Remove(quoteId);
        }
    }
}
