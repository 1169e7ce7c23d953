using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.Grains.Orders;

/// <summary>
/// Places one order exactly once. Steps: fix prices (the customer grain verifies the signed quotes and marks them used by
/// this order) and persist them; reserve every line; commit the
/// discount spend of campaign quotes to their campaigns; commit every line; record the purchase on the customer; persist the outcome; answer. Each step is idempotent per order id, so a
/// retry after any crash resumes where the last attempt stopped and never takes units or charges twice. If any line
/// cannot be had, every reservation and commit of this order is undone and nothing is kept.
/// An order whose client never comes back is finished by a reminder, registered with the prices and before any stock is
/// taken: after <see cref="PricingOptions.OrderRecoveryAfter"/> it resumes like a retry, completing the order or
/// returning what it held. A step that keeps throwing (<see cref="PricingOptions.OrderMaxFailedAttempts"/>) is not
/// retried forever: the order is undone and recorded as <see cref="OrderStatus.Failed"/>.
/// </summary>
public sealed class OrderGrain(
    [PersistentState("order", PricingStorage.Name)] IPersistentState<OrderState> state,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    IOptions<PricingOptions> options,
    PricingMetrics metrics,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    public const string RecoveryReminder = "recover";

    private IGrainReminder? _recovery;

    private OrderState State => state.State;

    private string OrderId => this.GetPrimaryKeyString();

    public Task<OrderOutcome?> GetAsync() => Task.FromResult(State.Outcome);

    public async Task<OrderOutcome> PlaceAsync(OrderRequest request)
    {
        // The gateway already refuses these; the grain is a seam of its own and must not half-apply them either.
        if (request.Lines.Count == 0 || request.Lines.Any(line => line.Quantity < 1)
            || request.Lines.Select(line => line.Sku).Distinct(StringComparer.Ordinal).Count() != request.Lines.Count)
        {
            throw new ArgumentException("An order needs at least one line, positive quantities and each SKU on one line only.", nameof(request));
        }

        var fingerprint = request.Fingerprint();
        if (State.Fingerprint is { } known && known != fingerprint)
        {
            return Rejected(OrderStatus.OrderIdConflict, $"Order id '{OrderId}' was already used for a different order.");
        }

        if (State.Outcome is { } done)
        {
            return done with { Replayed = true };
        }

        if (State.Fingerprint is null)
        {
            var priced = await PriceLinesAsync(request);
            if (priced.Rejection is { } rejection)
            {
                return rejection;
            }

            State.Fingerprint = fingerprint;
            State.CustomerId = request.CustomerId;
            State.Lines = priced.Lines;
            State.StartedAt = time.GetUtcNow();

            // The reminder first: a crash after the write would otherwise leave a priced order nothing comes back for (a
            // reminder whose write then failed finds no order and drops itself). It ticks every period from now; each
            // tick before OrderRecoveryAfter (business clock) leaves the order to its client.
            _recovery = await this.RegisterOrUpdateReminder(RecoveryReminder, options.Value.OrderRecoveryPeriod, options.Value.OrderRecoveryPeriod);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return await FulfilOrFailAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RecoveryReminder)
        {
            return;
        }

        if (State.Fingerprint is not null && State.Outcome is null)
        {
            if (time.GetUtcNow() < State.StartedAt + options.Value.OrderRecoveryAfter)
            {
                return; // the client may still be placing it
            }

            OrderLog.Recovering(logger, OrderId, State.FailedAttempts);
            var outcome = await FulfilOrFailAsync();
            OrderLog.Recovered(logger, OrderId, outcome.Status);
        }

        await UnregisterRecoveryAsync();
    }

    /// <summary>
    /// Fulfils the order; when a step throws (other than a time-out, which is the cluster's, not the order's), counts the
    /// attempt and, at the limit, undoes the order and records it as failed instead of throwing again.
    /// </summary>
    private async Task<OrderOutcome> FulfilOrFailAsync()
    {
        try
        {
            var outcome = await FulfilAsync();
            await UnregisterRecoveryAsync();
            return outcome;
        }
        catch (Exception exception) when (!IsTransient(exception))
        {
            State.FailedAttempts++;
            var poisoned = State.FailedAttempts >= options.Value.OrderMaxFailedAttempts;
            OrderLog.StepFailed(logger, OrderId, State.FailedAttempts, poisoned, exception);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
            if (!poisoned)
            {
                throw;
            }

            // Undo is idempotent: if it throws too, the next attempt (a retry or the reminder) undoes again.
            var failed = new OrderState
            {
                Fingerprint = State.Fingerprint, CustomerId = State.CustomerId, StartedAt = State.StartedAt, FailedAttempts = State.FailedAttempts,
                Outcome = Rejected(OrderStatus.Failed,
                    $"A step of the order failed {State.FailedAttempts} times ({exception.GetType().Name}: {exception.Message}); everything it held was returned."),
            };
            await UndoAsync(State.Lines.OrderBy(line => line.Sku, StringComparer.Ordinal).ToList());
            state.State = failed;
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
            await UnregisterRecoveryAsync();
            return failed.Outcome;
        }
    }

    /// <summary>
    /// A failure of the cluster or of storage that a later attempt may not meet (a time-out, a dead silo, throttling,
    /// anywhere in the chain: storage errors reach the grain wrapped in an <see cref="OrleansException"/>), as opposed to
    /// a step that fails the same way every time.
    /// </summary>
    private static bool IsTransient(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
                || cause is Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 })
            {
                return true;
            }
        }

        return false;
    }

    private async Task UnregisterRecoveryAsync()
    {
        // The handle from this activation's registration spares a read of the reminder table on the common path.
        if ((_recovery ?? await this.GetReminder(RecoveryReminder)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _recovery = null;
        }
    }

    private async Task<(List<PricedLine> Lines, OrderOutcome? Rejection)> PriceLinesAsync(OrderRequest request)
    {
        var facts = await Task.WhenAll(request.Lines.Select(line =>
            GrainFactory.GetGrain<IProductGrain>(line.Sku).GetPricingFactsAsync()));
        for (var i = 0; i < facts.Length; i++)
        {
            if (facts[i] is null)
            {
                return ([], Rejected(OrderStatus.UnknownSku, $"No product with SKU '{request.Lines[i].Sku}'.", request.Lines[i].Sku));
            }
        }

        // The customer grain checks each signed quote and marks it used by this order, all or none, before the price is fixed.
        var claim = await GrainFactory.GetGrain<ICustomerGrain>(request.CustomerId).ClaimQuotesAsync(
            OrderId, request.Lines.Select(line => new QuoteReference(line.Sku, line.QuoteToken, line.Quantity)).ToList());
        if (claim.Rejection is { } refused)
        {
            return ([], Rejected(
                refused.Kind == QuoteRejectionKind.AlreadyUsed ? OrderStatus.QuoteAlreadyUsed : OrderStatus.QuoteRejected, refused.Detail, refused.Sku));
        }

        var honoured = claim.Honoured.ToDictionary(quote => quote.Sku, StringComparer.Ordinal);
        var lines = request.Lines.Select((line, i) =>
        {
            var product = facts[i]!;
            return honoured.TryGetValue(line.Sku, out var quote)
                ? new PricedLine(line.Sku, product.Category, line.Quantity, product.ListPrice, quote.Price, quote.QuoteId, true, quote.Campaign)
                : new PricedLine(line.Sku, product.Category, line.Quantity, product.ListPrice, product.ListPrice, null, false);
        }).ToList();
        return (lines, null);
    }

    private async Task<OrderOutcome> FulfilAsync()
    {
        // Lines in SKU order: the same order everywhere keeps concurrent orders from starving one another.
        var lines = State.Lines.OrderBy(line => line.Sku, StringComparer.Ordinal).ToList();
        foreach (var line in lines)
        {
            var reservation = await Product(line.Sku).ReserveAsync(OrderId, line.Quantity);
            if (reservation.Status is ReservationStatus.InsufficientInventory or ReservationStatus.UnknownProduct)
            {
                await UndoAsync(lines);
                return Rejected(
                    reservation.Status == ReservationStatus.UnknownProduct ? OrderStatus.UnknownSku : OrderStatus.InsufficientInventory,
                    $"SKU '{line.Sku}' has {reservation.Available} units available, the order asks for {line.Quantity}.",
                    line.Sku);
            }
        }

        // Campaign spend after the units are held and before they are taken: a refusal (only possible for a quote whose
        // reservation was released) undoes the order cleanly, and a later failure reverses the spend.
        foreach (var sale in CampaignSales())
        {
            if (!await GrainFactory.GetGrain<ICampaignGrain>(sale.CampaignId).CommitSaleAsync(sale.Sale))
            {
                await UndoAsync(lines);
                return Rejected(OrderStatus.CampaignBudgetExhausted,
                    $"Campaign '{sale.CampaignId}' can no longer fund the quoted discount; quote again.");
            }
        }

        foreach (var line in lines)
        {
            if (!await Product(line.Sku).CommitAsync(OrderId, line.Quantity))
            {
                await UndoAsync(lines);
                return Rejected(OrderStatus.InsufficientInventory,
                    $"The reservation for SKU '{line.Sku}' lapsed and the units were taken meanwhile.", line.Sku);
            }
        }

        var now = time.GetUtcNow();
        await GrainFactory.GetGrain<ICustomerGrain>(State.CustomerId!).RecordOrderAsync(
            OrderId,
            now,
            State.Lines.Select(line => new PurchasedLine(
                line.Sku, line.Category, line.Quantity, line.UnitPrice, line.ListPrice, line.QuoteHonoured ? line.QuoteId : null)).ToList());

        var charged = State.Lines.Select(line => new ChargedLine(
            line.Sku, line.Quantity, line.ListPrice, line.UnitPrice, line.UnitPrice * line.Quantity, line.QuoteId, line.QuoteHonoured)).ToList();
        State.Outcome = new OrderOutcome(
            OrderId, OrderStatus.Completed, charged, charged.Sum(line => line.LineTotal), now, Replayed: false, Detail: null, Sku: null);
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        OrderLog.Completed(logger, OrderId, State.CustomerId!, State.Outcome.Total);
        metrics.OrderCompleted(State.Outcome.Total);
        foreach (var line in State.Lines)
        {
            metrics.OrderLine((line.ListPrice - line.UnitPrice) * line.Quantity, line.UnitPrice * line.Quantity, line.Campaign?.CampaignId,
                line.Campaign?.Holdout == true);
        }
        return State.Outcome;
    }

    /// <summary>Returns every unit this order holds or took and the quotes it claimed, then forgets the order so that it may be placed again.</summary>
    private async Task UndoAsync(IReadOnlyList<PricedLine> lines)
    {
        if (State.Lines.Any(line => line.QuoteHonoured))
        {
            await GrainFactory.GetGrain<ICustomerGrain>(State.CustomerId!).ReleaseQuotesAsync(OrderId);
        }

        foreach (var sale in CampaignSales())
        {
            await GrainFactory.GetGrain<ICampaignGrain>(sale.CampaignId).ReverseSaleAsync(sale.Sale);
        }

        foreach (var line in lines)
        {
            await Product(line.Sku).ReverseAsync(OrderId);
            await Product(line.Sku).ReleaseAsync(OrderId);
        }

        await state.ClearOrDiscardAsync(DeactivateOnIdle);
        state.State = new OrderState();
    }

    /// <summary>Per campaign, the discount each honoured quote spends (from the lease that reserved it), revenue and units.</summary>
    private IEnumerable<(string CampaignId, CampaignSale Sale)> CampaignSales() =>
        State.Lines
            .Where(line => line.Campaign is not null)
            .GroupBy(line => line.Campaign!.CampaignId, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, new CampaignSale(
                OrderId,
                group.Where(line => line.Campaign!.UnitDiscount > 0)
                    .Select(line => new CampaignDraw(line.Campaign!.Holder, line.QuoteId!, line.Campaign.UnitDiscount * line.Quantity))
                    .ToList(),
                group.Sum(line => line.UnitPrice * line.Quantity),
                group.ToDictionary(line => line.Sku, line => line.Quantity, StringComparer.Ordinal),
                group.First().Campaign!.Holdout)));

    private IProductGrain Product(string sku) => GrainFactory.GetGrain<IProductGrain>(sku);

    private OrderOutcome Rejected(OrderStatus status, string detail, string? sku = null) =>
        new(OrderId, status, [], 0m, null, Replayed: false, detail, sku);
}
