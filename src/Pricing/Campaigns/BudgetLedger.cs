namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// A campaign's discount budget: what completed orders spent (<see cref="Committed"/>) and what is handed out in leases.
/// Invariant, kept by every operation: Committed + Σ lease amounts ≤ Budget, and nothing is negative. A lease whose
/// holder has been silent longer than the lease time-to-live is reclaimed; the time-to-live must exceed the quote
/// time-to-live, so no valid quote can still depend on a reclaimed lease.
/// </summary>
[GenerateSerializer, Alias("pricing.budget-ledger")]
public sealed class BudgetLedger
{
    [Id(0)] public decimal Budget { get; set; }
    [Id(1)] public decimal Committed { get; set; }
    [Id(2)] public Dictionary<string, BudgetLease> Leases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Spend per committed order id: a replayed commit changes nothing.</summary>
    [Id(3)] public Dictionary<string, decimal> CommittedOrders { get; set; } = new(StringComparer.Ordinal);

    public decimal Leased => Leases.Values.Sum(lease => lease.Amount);

    public decimal Available => Budget - Committed - Leased;

    /// <summary>Grants up to <paramref name="requested"/> more to the holder's lease (never more than is available).</summary>
    /// <returns>The amount added; 0 when the budget is fully committed or leased.</returns>
    public decimal Grant(string holder, decimal requested, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requested);
        var amount = Math.Min(requested, Math.Max(0, Available));
        var lease = Lease(holder, now);
        lease.Amount += amount;
        lease.RenewedAt = now;
        return amount;
    }

    /// <summary>Records an order's discount spend against the holder's lease, topping up from the free budget if the lease is short.</summary>
    /// <returns>False, changing nothing, when lease and free budget together cannot cover it.</returns>
    public bool Commit(string orderId, string holder, decimal amount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (CommittedOrders.ContainsKey(orderId))
        {
            return true;
        }

        Leases.TryGetValue(holder, out var lease);
        var fromLease = Math.Min(amount, lease?.Amount ?? 0);
        if (amount - fromLease > Available)
        {
            return false;
        }

        if (lease is not null)
        {
            lease.Amount -= fromLease;
            lease.RenewedAt = now;
        }

        Committed += amount;
        CommittedOrders[orderId] = amount;
        return true;
    }

    /// <summary>Gives back unused budget from the holder's lease.</summary>
    public void Return(string holder, decimal amount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (Leases.TryGetValue(holder, out var lease))
        {
            lease.Amount -= Math.Min(amount, lease.Amount);
            lease.RenewedAt = now;
            if (lease.Amount == 0)
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
