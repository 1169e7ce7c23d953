namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// A campaign's discount budget: what completed orders spent (<see cref="Committed"/>) and what is handed out in leases.
/// Invariant, kept by every operation: Committed + Σ lease amounts ≤ Budget, and nothing is negative. A lease whose
/// holder has been silent longer than the lease time-to-live is reclaimed; the time-to-live must exceed the quote
/// time-to-live, so no valid quote can still depend on a reclaimed lease.
/// </summary>
public sealed class BudgetLedger
{
    public decimal Budget { get; set; }
    public decimal Committed { get; set; }
    public Dictionary<string, BudgetLease> Leases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Spend per committed order id, the newest <see cref="MaxCommittedOrders"/>: a replayed commit changes nothing. A
    /// retry of an order interrupted right after its campaign commit must come before that many later orders of the
    /// campaign (the order's reminder retries it within minutes); older ids are forgotten so the state stays bounded.
    /// </summary>
    public Dictionary<string, decimal> CommittedOrders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Order ids in the order they were committed (reversed ones included until compacted): which to forget first.</summary>
    public List<string> CommitOrder { get; set; } = [];

    public const int MaxCommittedOrders = 1_000;

    public decimal Leased => Leases.Values.Sum(lease => lease.Amount);

    public decimal Available => Budget - Committed - Leased;

    /// <summary>Grants up to <paramref name="requested"/> more to the holder's lease (never more than is available).</summary>
    /// <returns>The amount added; 0 when the budget is fully committed or leased.</returns>
    public decimal Grant(string holder, decimal requested, DateTimeOffset now)
    {
        NonNegative.Require(requested);
        var amount = Math.Min(requested, Math.Max(0, Available));
        var lease = Lease(holder, now);
        lease.Amount += amount;
        lease.RenewedAt = now;
        return amount;
    }

    /// <summary>
    /// Records an order's discount spend, each draw against the lease of the holder that reserved it, topping up from the
    /// free budget where a lease is short (e.g. reclaimed). Each drawn quote is queued for its holder to settle.
    /// </summary>
    /// <returns>False, changing nothing, when leases and free budget together cannot cover it. True for a replay.</returns>
    public bool Commit(string orderId, IReadOnlyList<LeaseDraw> draws, DateTimeOffset now)
    {
        if (CommittedOrders.ContainsKey(orderId))
        {
            return true;
        }

        var fromLeases = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var shortfall = 0m;
        foreach (var draw in draws)
        {
            NonNegative.Require(draw.Amount);
            var held = Leases.TryGetValue(draw.Holder, out var lease) ? lease.Amount - fromLeases.GetValueOrDefault(draw.Holder) : 0;
            var fromLease = Math.Min(draw.Amount, held);
            fromLeases[draw.Holder] = fromLeases.GetValueOrDefault(draw.Holder) + fromLease;
            shortfall += draw.Amount - fromLease;
        }

        if (shortfall > Available)
        {
            return false;
        }

        foreach (var draw in draws)
        {
            if (Leases.TryGetValue(draw.Holder, out var lease))
            {
                lease.CommittedQuotes.Add(draw.QuoteId);
            }
        }

        foreach (var (holder, amount) in fromLeases)
        {
            if (Leases.TryGetValue(holder, out var lease))
            {
                lease.Amount -= amount;
            }
        }

        var total = draws.Sum(draw => draw.Amount);
        Committed += total;
        CommittedOrders[orderId] = total;
        CommitOrder.Add(orderId);
        ForgetOldestOrders();
        return true;
    }

    private void ForgetOldestOrders()
    {
        var forget = 0;
        while (CommittedOrders.Count > MaxCommittedOrders && forget < CommitOrder.Count)
        {
            CommittedOrders.Remove(CommitOrder[forget++]);
        }

        CommitOrder.RemoveRange(0, forget);
        if (CommitOrder.Count > 2 * MaxCommittedOrders)
        {
            CommitOrder = [.. CommitOrder.Where(CommittedOrders.ContainsKey)];
        }
    }

    /// <summary>Undoes an order's spend (the order could not complete); the money goes back to the free budget.</summary>
    /// <returns>False when the order had no committed spend (never committed, or already reversed).</returns>
    public bool Reverse(string orderId)
    {
        if (!CommittedOrders.Remove(orderId, out var amount))
        {
            return false;
        }

        Committed -= amount;
        return true;
    }

    /// <summary>
    /// Moves the holder's lease to <paramref name="target"/>: grants the difference when above what it holds (never more
    /// than is available), takes back the excess when below, and renews the lease. The holder never asks for less than its
    /// open reservations, so taking back never strands a valid quote.
    /// </summary>
    /// <returns>The amount held afterwards and the quotes committed since the holder last called.</returns>
    public (decimal Held, IReadOnlyList<string> CommittedQuotes) SetLease(string holder, decimal target, DateTimeOffset now)
    {
        NonNegative.Require(target);
        var held = Leases.TryGetValue(holder, out var existing) ? existing.Amount : 0;
        if (target > held)
        {
            Grant(holder, target - held, now);
        }
        else
        {
            Return(holder, held - target, now);
        }

        if (!Leases.TryGetValue(holder, out var lease))
        {
            return (0, []);
        }

        lease.RenewedAt = now;
        var committed = lease.CommittedQuotes;
        lease.CommittedQuotes = [];
        if (lease.Amount == 0)
        {
            Leases.Remove(holder);
        }

        return (lease.Amount, committed);
    }

    /// <summary>Gives back unused budget from the holder's lease.</summary>
    public void Return(string holder, decimal amount, DateTimeOffset now)
    {
        NonNegative.Require(amount);
        if (Leases.TryGetValue(holder, out var lease))
        {
            lease.Amount -= Math.Min(amount, lease.Amount);
            lease.RenewedAt = now;
            if (lease.Amount == 0 && lease.CommittedQuotes.Count == 0)
            {
                Leases.Remove(holder);
            }
        }
    }

    /// <summary>Reclaims the leases of holders silent for longer than <paramref name="timeToLive"/> (e.g. a dead silo).</summary>
    public decimal ReclaimExpired(DateTimeOffset now, TimeSpan timeToLive)
    {
        var expired = Leases.Values.Where(lease => now - lease.RenewedAt > timeToLive).ToList();
        foreach (var lease in expired)
        {
            Leases.Remove(lease.Holder);
        }

        return expired.Sum(lease => lease.Amount);
    }

    /// <summary>The invariant; true in every reachable state.</summary>
    public bool IsConsistent =>
        Committed >= 0 && Leases.Values.All(lease => lease.Amount >= 0) && Committed + Leased <= Budget
        && CommittedOrders.Values.Sum() == Committed;

    private BudgetLease Lease(string holder, DateTimeOffset now)
    {
        if (!Leases.TryGetValue(holder, out var lease))
        {
            Leases[holder] = lease = new BudgetLease { Holder = holder, RenewedAt = now };
        }

        return lease;
    }
}
