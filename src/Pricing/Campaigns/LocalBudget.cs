using OrleansPricing.Pricing.Quotes;

namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// The serving side of one lease. Quotes reserve discount budget here, one reservation per quote, without calling the
/// coordinator. The coordinator draws an order's spend from the lease directly, so the holder learns of it at its next
/// call (<see cref="Sync"/>): until then the committed quote's reservation stays counted, which keeps every promise
/// covered. Reservations of quotes that expired are released only at a sync, after the commits it reports.
/// Thread-safe.
/// </summary>
public sealed class LocalBudget : IDiscountBudget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<QuoteKey, Reservation> _reservations = new();

    /// <summary>
    /// Reservations in the order they were made. Quotes share one lifetime, so this is also expiry order and a sync
    /// releases from the front in time proportional to what it releases, not to all that is open (millions at scale).
    /// An entry made out of order is released late, never early.
    /// </summary>
    private readonly Queue<(QuoteKey Quote, DateTimeOffset ExpiresAt)> _byExpiry = new();
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

    public bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt)
    {
        NonNegative.Require(amount);
        lock (_gate)
        {
            var quote = QuoteKey.Of(quoteId);
            if (_balance - _reserved < amount || _reservations.ContainsKey(quote))
            {
                return false;
            }

            _reservations[quote] = new Reservation(amount, expiresAt);
            _byExpiry.Enqueue((quote, expiresAt));
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
                if (_reservations.Remove(QuoteKey.Of(quoteId), out var settled))
                {
                    _reserved -= settled.Amount;
                }
            }

            var released = 0m;
            while (_byExpiry.TryPeek(out var oldest) && oldest.ExpiresAt + grace <= now)
            {
                _byExpiry.Dequeue();
                if (_reservations.Remove(oldest.Quote, out var reservation))
                {
                    released += reservation.Amount;
                }
            }

            _reserved -= released;
            _balance = held;
            return released;
        }
    }

    private readonly record struct Reservation(decimal Amount, DateTimeOffset ExpiresAt);

    /// <summary>A quote id as the lease keeps it: the service's ids as their Guid (<see cref="QuoteIds"/>), any other id as given.</summary>
    private readonly record struct QuoteKey(Guid Id, string? Other)
    {
        public static QuoteKey Of(string quoteId) => QuoteIds.TryParse(quoteId, out var id) ? new(id, null) : new(Guid.Empty, quoteId);
    }
}
