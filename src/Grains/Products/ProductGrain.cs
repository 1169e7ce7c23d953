using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Grains.Products;

/// <summary>
/// Owns one product's stock. Not reentrant: every check-and-change of inventory runs alone, which is what keeps
/// units sold at or below units on hand under any number of concurrent orders.
/// </summary>
public sealed class ProductGrain(
    [PersistentState("product", PricingStorage.Name)] IPersistentState<ProductState> state,
    [FromKeyedServices(PricingClock.Key)] TimeProvider time,
    IOptions<PricingOptions> pricingOptions,
    IOptions<FeatureHalfLives> halfLives,
    ProductFactsCache factsCache) : Grain, IProductGrain
{
    /// <summary>Committed sales are remembered this long so a late retry of the same order is still recognized.</summary>
    private static readonly TimeSpan SaleMemory = TimeSpan.FromDays(30);

    public const int MaxRememberedSales = 1_000;

    private ProductState State => state.State;

    public async Task<UpsertOutcome> UpsertAsync(ProductDefinition definition)
    {
        var now = time.GetUtcNow();
        DropExpiredReservations(now);
        var reserved = Reserved();
        if (definition.Inventory < reserved)
        {
            return new UpsertOutcome(false,
                $"Inventory {definition.Inventory} is below the {reserved} units reserved by orders in progress.");
        }

        var sku = this.GetPrimaryKeyString();
        if (!State.Listed)
        {
            // Listed before the product is written: a product that exists is always in the listing.
            var directory = GrainFactory.GetGrain<IProductDirectoryGrain>(ProductDirectoryGrain.PartitionOf(sku));
            if (!await directory.RegisterAsync(sku))
            {
                return new UpsertOutcome(false,
                    $"The catalog is full: at most {IProductDirectoryGrain.Partitions * IProductDirectoryGrain.MaxSkusPerPartition:N0} SKUs.");
            }

            State.Listed = true;
        }

        State.Definition = definition with { Sku = sku };
        State.OnHand = definition.Inventory;
        State.UpdatedAt = now;
        await SaveAsync();
        return UpsertOutcome.Ok;
    }

    public Task<ProductView?> GetAsync()
    {
        if (State.Definition is not { } definition)
        {
            return Task.FromResult<ProductView?>(null);
        }

        var now = time.GetUtcNow();
        var reserved = Reserved(now);
        return Task.FromResult<ProductView?>(new ProductView(
            definition.Sku, definition.Category, definition.ListPrice, definition.UnitCost, definition.FloorPrice,
            definition.MaxDiscount, State.OnHand, reserved, State.OnHand - reserved, State.UnitsSold,
            DemandPerDay(now), State.UpdatedAt));
    }

    public Task<ProductPricingFacts?> GetPricingFactsAsync()
    {
        if (State.Definition is not { } definition)
        {
            return Task.FromResult<ProductPricingFacts?>(null);
        }

        var now = time.GetUtcNow();
        return Task.FromResult<ProductPricingFacts?>(new ProductPricingFacts(
            definition.Sku, definition.Category, definition.ListPrice, definition.UnitCost, definition.FloorPrice,
            definition.MaxDiscount, State.OnHand - Reserved(now), DemandPerDay(now)));
    }

    public async Task<ReservationOutcome> ReserveAsync(string orderId, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (State.Definition is null)
        {
            return new ReservationOutcome(ReservationStatus.UnknownProduct, 0);
        }

        var now = time.GetUtcNow();
        if (State.Sales.ContainsKey(orderId))
        {
            return new ReservationOutcome(ReservationStatus.AlreadyCommitted, State.OnHand - Reserved(now));
        }

        DropExpiredReservations(now);
        State.Reservations.Remove(orderId, out var previous);
        var available = State.OnHand - Reserved();
        if (quantity > available)
        {
            if (previous is not null)
            {
                State.Reservations[orderId] = previous;
            }

            return new ReservationOutcome(ReservationStatus.InsufficientInventory, available);
        }

        State.Reservations[orderId] = new InventoryReservation(quantity, now + pricingOptions.Value.ReservationTimeToLive);
        await SaveAsync();
        return new ReservationOutcome(ReservationStatus.Reserved, available - quantity);
    }

    public async Task<bool> CommitAsync(string orderId, int quantity)
    {
        if (State.Sales.ContainsKey(orderId))
        {
            return true;
        }

        // A reservation still present is honoured even if its time ran out: nothing else has claimed its units yet.
        var now = time.GetUtcNow();
        if (!State.Reservations.Remove(orderId, out var reservation))
        {
            DropExpiredReservations(now);
            if (State.OnHand - Reserved() < quantity)
            {
                return false;
            }

            reservation = new InventoryReservation(quantity, now);
        }

        State.OnHand -= reservation.Quantity;
        State.UnitsSold += reservation.Quantity;
        State.Demand = State.Demand.Add(reservation.Quantity, now, halfLives.Value.Demand);
        State.Sales[orderId] = new CommittedSale(reservation.Quantity, now);
        State.UpdatedAt = now;
        ForgetOldSales(now);
        await SaveAsync();
        return true;
    }

    public async Task ReleaseAsync(string orderId)
    {
        if (State.Reservations.Remove(orderId))
        {
            await SaveAsync();
        }
    }

    public async Task ReverseAsync(string orderId)
    {
        if (State.Sales.Remove(orderId, out var sale))
        {
            State.OnHand += sale.Quantity;
            State.UnitsSold -= sale.Quantity;
            State.UpdatedAt = time.GetUtcNow();
            await SaveAsync();
        }
    }

    /// <summary>Writes the changed state; this silo's copy of the pricing facts goes first, so no quote here reads past the change.</summary>
    private Task SaveAsync()
    {
        factsCache.Forget(this.GetPrimaryKeyString());
        return state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    private int Reserved() => State.Reservations.Values.Sum(reservation => reservation.Quantity);

    private int Reserved(DateTimeOffset now) =>
        State.Reservations.Values.Where(reservation => reservation.ExpiresAt > now).Sum(reservation => reservation.Quantity);

    private void DropExpiredReservations(DateTimeOffset now)
    {
        foreach (var (orderId, _) in State.Reservations.Where(pair => pair.Value.ExpiresAt <= now).ToList())
        {
            State.Reservations.Remove(orderId);
        }
    }

    /// <summary>
    /// Keeps the sales of the last 30 days, at most the newest <see cref="MaxRememberedSales"/>, so the state stays far
    /// below a storage row's size however fast the SKU sells (5,000 passed Azure Table's 1 MB: StateBoundTests). A retry of an order interrupted right after its commit
    /// must come before that many later sales of the SKU; the order's reminder retries it within minutes.
    /// </summary>
    private void ForgetOldSales(DateTimeOffset now)
    {
        foreach (var (orderId, _) in State.Sales.Where(pair => pair.Value.At < now - SaleMemory).ToList())
        {
            State.Sales.Remove(orderId);
        }

        while (State.Sales.Count > MaxRememberedSales)
        {
            State.Sales.Remove(State.Sales.MinBy(pair => pair.Value.At).Key);
        }
    }

    /// <summary>A decayed unit count with half-life h estimates rate × h / ln 2, so this recovers units per day.</summary>
    private double DemandPerDay(DateTimeOffset now)
    {
        var halfLife = halfLives.Value.Demand;
        return State.Demand.ValueAt(now, halfLife) * Math.Log(2) / halfLife.TotalDays;
    }
}
