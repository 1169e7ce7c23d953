using OrleansPricing.Pricing.Quotes;

namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// The serving side of one lease. Quotes reserve discount budget here, one reservation per quote, without calling the
/// coordinator. The coordinator draws an order's spend from the lease directly, so the holder learns of it at its next
/// call (<see cref="Sync"/>): until then the committed quote's reservation stays counted, which keeps every promise
/// covered. Reservations of quotes that expired are released only at a sync, after the commits it reports.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Reservations are kept in slots by expiry (<see cref="SlotWidth"/> each), not in one map: a lease holds
/// quote rate × quote lifetime of them (millions at scale), and one map that size stops every quote behind its lock
/// while it grows (a copy of the whole map: 323–344 ms when it grew past 1.4 million, the <c>lease</c> benchmark, docs/benchmarks.md,
/// "A lease that grows in slots"). A slot is small, made at the size of the slot before it, and released whole.
/// </remarks>
public sealed class LocalBudget : IDiscountBudget
{
    /// <summary>A reservation is released at most this long after its expiry plus the grace (never before).</summary>
    public static readonly TimeSpan SlotWidth = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();

    /// <summary>Open reservations by expiry slot, oldest first; quotes share one lifetime, so a new one lands in the last slot.</summary>
    private readonly List<ExpirySlot> _slots = [];
    private decimal _balance;
    private decimal _reserved;

    /// <summary>The lease as the coordinator last reported it.</summary>
    public decimal Balance
    {
        get
        {
            lock (_gate)
            {
                return _balance;
            }
        }
    }

    public decimal Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    public decimal Free
    {
        get
        {
            lock (_gate)
            {
                return _balance - _reserved;
            }
        }
    }

    /// <summary>Reserves <paramref name="amount"/> for the quote until it expires; false when the free lease falls short or the quote already holds one.</summary>
    /// <remarks>A quote is one id with one expiry, so a repeat is found in the slot of that expiry.</remarks>
    public bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt)
    {
        NonNegative.Require(amount);
        lock (_gate)
        {
            if (_balance - _reserved < amount)
            {
                return false;
            }

            var slot = SlotOf(SlotEnd(expiresAt));
            if (!slot.Reservations.TryAdd(QuoteKey.Of(quoteId), amount))
            {
                return false;
            }

            slot.Total += amount;
            _reserved += amount;
            return true;
        }
    }

    /// <summary>
    /// Applies a coordinator answer: the reservations of <paramref name="committedQuotes"/> end (their spend was drawn from
    /// the lease), those expired for longer than <paramref name="grace"/> are released, and the balance becomes what the
    /// coordinator holds for this lease.
    /// </summary>
    /// <returns>The amount released by expiry.</returns>
    public decimal Sync(decimal held, IEnumerable<string> committedQuotes, DateTimeOffset now, TimeSpan grace)
    {
        NonNegative.Require(held);
        lock (_gate)
        {
            foreach (var quoteId in committedQuotes)
            {
                Settle(QuoteKey.Of(quoteId));
            }

            var released = 0m;
            var ended = 0;
            while (ended < _slots.Count && _slots[ended].EndTicks + grace.Ticks <= now.UtcTicks)
            {
                released += _slots[ended].Total;
                ended++;
            }

            _slots.RemoveRange(0, ended);
            _reserved -= released;
            _balance = held;
            return released;
        }
    }

    /// <summary>Ends a committed quote's reservation. Orders follow their quotes closely, so the search starts at the newest slot.</summary>
    private void Settle(QuoteKey quote)
    {
        for (var i = _slots.Count - 1; i >= 0; i--)
        {
            if (_slots[i].Reservations.Remove(quote, out var amount))
            {
                _slots[i].Total -= amount;
                _reserved -= amount;
                return;
            }
        }
    }

    /// <summary>The end of the slot holding <paramref name="expiresAt"/>, in ticks: slots are (end − width, end].</summary>
    private static long SlotEnd(DateTimeOffset expiresAt) => (expiresAt.UtcTicks + SlotWidth.Ticks - 1) / SlotWidth.Ticks * SlotWidth.Ticks;

    private ExpirySlot SlotOf(long endTicks)
    {
        var i = _slots.Count - 1;
        while (i >= 0 && _slots[i].EndTicks > endTicks)
        {
            i--;
        }

        if (i >= 0 && _slots[i].EndTicks == endTicks)
        {
            return _slots[i];
        }

        // Sized like the newest slot, so a steady quote rate never grows one.
        var slot = new ExpirySlot(endTicks, _slots.Count == 0 ? 0 : _slots[^1].Reservations.Count);
        _slots.Insert(i + 1, slot);
        return slot;
    }

    private sealed class ExpirySlot(long endTicks, int capacity)
    {
        public long EndTicks { get; } = endTicks;

        public Dictionary<QuoteKey, decimal> Reservations { get; } = new(capacity);

        public decimal Total { get; set; }
    }

    /// <summary>A quote id as the lease keeps it: the service's ids as their Guid (<see cref="QuoteIds"/>), any other id as given.</summary>
    private readonly record struct QuoteKey(Guid Id, string? Other)
    {
        public static QuoteKey Of(string quoteId) => QuoteIds.TryParse(quoteId, out var id) ? new(id, null) : new(Guid.Empty, quoteId);
    }
}
