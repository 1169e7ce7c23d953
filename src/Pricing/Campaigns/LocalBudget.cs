namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// The serving side of a lease: quotes reserve discount budget here without calling the coordinator; an expired quote
/// releases its reservation; a committed order turns it into spend. Reservations never exceed the lease balance.
/// Thread-safe.
/// </summary>
public sealed class LocalBudget
{
    private readonly Lock _gate = new();
    private decimal _balance;
    private decimal _reserved;

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

    public void AddGrant(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (_gate)
        {
            _balance += amount;
        }
    }

    public bool TryReserve(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (_gate)
        {
            if (_balance - _reserved < amount)
            {
                return false;
            }

            _reserved += amount;
            return true;
        }
    }

    public void Release(decimal amount)
    {
        lock (_gate)
        {
            _reserved -= Math.Min(amount, _reserved);
        }
    }

    /// <summary>A reserved amount became spend, recorded by the coordinator against this lease.</summary>
    public void Spent(decimal amount)
    {
        lock (_gate)
        {
            var reserved = Math.Min(amount, _reserved);
            _reserved -= reserved;
            _balance -= Math.Min(amount, _balance);
        }
    }

    /// <summary>Takes the unreserved balance out, to hand back to the coordinator.</summary>
    public decimal TakeUnreserved()
    {
        lock (_gate)
        {
            var free = _balance - _reserved;
            _balance -= free;
            return free;
        }
    }
}
